import { z } from 'zod';
import { METRIC_DEFS } from '../../src/metrics/names.ts';
import { defaultBounds } from './default-bounds.ts';

/** A regular expression from a profile; a bad one is a located problem. */
function regex(source: string, ctx: z.RefinementCtx): RegExp {
  try {
    return new RegExp(source);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(err as Error).message}` });
    return z.NEVER;
  }
}

const oid = z.string().regex(/^\.?\d+(\.\d+)+$/, { error: 'expected a numeric OID such as 1.3.6.1.2.1.1.3' }).transform((s) => s.replace(/^\./, ''));

/** Device classes profiles map onto; one normalised metric model per class. */
export const DEVICE_CLASSES = ['ups', 'pdu', 'cooling', 'environment', 'network', 'firewall', 'storage', 'server', 'generic'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** A label a profile adds: snake_case, as Prometheus (and promtool) expect. */
const labelName = z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'label names are snake_case: lower-case letters, digits and _ (e.g. if_index)' });

/** A metric a profile produces: defined, with its help text, in src/metrics/names.ts. */
const metricName = z.string().refine((name) => METRIC_DEFS.has(name), {
  error: (iss) => `metric "${String(iss.input)}" is not defined in src/metrics/names.ts (every exported name needs its help text there)`,
});

const metricSchema = z
  .strictObject({
    name: metricName,
    type: z.enum(['gauge', 'counter', 'info']).default('gauge'),
    /** A scalar: the object without its `.0` instance (an agent that omits `.0` is asked again without it). */
    get: oid.optional(),
    /** A table column: every row is a series; the row index becomes labels. */
    walk: oid.optional(),
    /**
     * Label names for the index components (the last one takes what is left); default: one label `index`.
     * `_` names a component that gives no label: one a `where` already fixes (Liebert lgpPwrLineMeasurementTable
     * rows are point.line; with `where` on the input point, `[_, line]` gives the `line` label UPS-MIB gives).
     */
    index: z.array(labelName).default(['index']),
    /** Labels looked up by the same index from the profile's lookups. */
    lookups: z.array(z.string()).default([]),
    /** Fixed labels on this metric. */
    labels: z.record(labelName, z.string()).default({}),
    scale: z.number().default(1),
    /**
     * Values that mean "unknown" (e.g. -1, 999, 2147483647): the series is left out and counted in
     * slaguard_snmp_values_discarded_total{reason="sentinel"}. Each is matched on the value as sent and on
     * its signed/unsigned twin at the field's `bits` width: -1 also matches Gauge32 4294967295 (an agent
     * sending a signed -1 as unsigned), and with `bits: 16`, 65535 and -1 match each other.
     */
    sentinels: z.array(z.number()).default([]),
    /**
     * For agents that send numbers or states as text (OCTET STRING). `pattern` (a regular expression)
     * picks the part to read: its first capture group, e.g. "cpu-usage: ([0-9.]+)%" on "cpu-usage: 1.52%",
     * "^(-?[0-9.]+) C" on "28 C/82 F"; text it does not match gives nothing. `map` turns that part (or
     * the whole trimmed text) into a number (Isilon diskStatus "HEALTHY" → 1); text not in it gives
     * nothing. Without `map` the part is read as a decimal number. The number then goes through
     * sentinels, `map`/`states`, `scale` and bounds like any other.
     */
    text: z
      .strictObject({
        pattern: z
          .string()
          .transform((source, ctx) => {
            try {
              const re = new RegExp(source);
              if (new RegExp(`${source}|`).exec('')!.length < 2) ctx.addIssue({ code: 'custom', message: 'the pattern needs a capture group: ( … ) around the number' });
              return re;
            } catch (err) {
              ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(err as Error).message}` });
              return z.NEVER;
            }
          })
          .optional(),
        map: z.record(z.string(), z.number()).optional(),
      })
      .optional(),
    /**
     * The agent wraps an unsigned quantity into a signed field: a negative value (after `sentinels`, which
     * still match as sent) is read as its unsigned twin at `bits` width. Huawei hwEntityMemSize is an
     * Integer32 of bytes: an AC6605 with 2,759,245,824 bytes sends −1,535,721,472.
     */
    unsigned: z.boolean().default(false),
    /** Width of the field as the MIB or vendor declares it, for sentinel twins: 32 (default) or 16. */
    bits: z.union([z.literal(16), z.literal(32)]).default(32),
    /**
     * Plausibility bounds, in the exported unit (after `scale`, maps and arithmetic): a value below `min`
     * or above `max` is dropped and counted in slaguard_snmp_values_discarded_total{reason="implausible"}
     * (a negative size, a runtime of centuries). With `alternatives`, the next source is tried first.
     * A gauge without them gets its name's unit's defaults (default-bounds.ts: a ratio 0–1, bytes ≥ 0,
     * °C −60–150, a runtime up to 7 days, …) for each side it does not declare.
     */
    min: z.number().optional(),
    max: z.number().optional(),
    /**
     * Other sources of the same value, tried in order when this one is missing, a sentinel or outside
     * `min`/`max` (hwEntityMemSizeMega when hwEntityMemSize overflowed to -1). Same kind as the metric's
     * source: a scalar for `get`, a column read at the same row for `walk`. `scale` replaces the metric's
     * `scale` for that source; `multiply_by`, `sensor_scale`, sentinels and bounds still apply.
     */
    alternatives: z.array(z.strictObject({ oid, scale: z.number().optional() })).default([]),
    /**
     * Arithmetic instead of a single object: `columns` (the same row of each, the rows of the first)
     * or `scalars`, combined by `op`, then `scale` and bounds as usual. An operand that is missing or a
     * sentinel leaves the series out. sum: a + b + …; difference: a − (b + …); ratio: a ÷ (b + …), so
     * used ÷ (used + free) is `of` [used, used, free] (a zero denominator gives nothing);
     * subtract_from: `constant` − (a + …), e.g. CPU busy = 100 − idle; product: a × b × … (memory
     * used = capacity × percent used); used_ratio: (a − (b + …)) ÷ a, the share of a total not in
     * its free parts (UCD memTotalReal against memAvailReal, memBuffer, memCached); high_low: a 64-bit
     * figure sent as two Unsigned32 halves, [high, low] → high × 2^32 + low (TEGILE-MIB poolSizeHigh/Low).
     */
    compute: z
      .strictObject({
        op: z.enum(['sum', 'difference', 'ratio', 'subtract_from', 'product', 'used_ratio', 'high_low']),
        columns: z.array(oid).min(1).optional(),
        scalars: z.array(oid).min(1).optional(),
        constant: z.number().optional(),
      })
      .superRefine((c, ctx) => {
        if ((c.columns === undefined) === (c.scalars === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of "columns" or "scalars"' });
        const n = (c.columns ?? c.scalars ?? []).length;
        if ((c.op === 'difference' || c.op === 'ratio' || c.op === 'product' || c.op === 'used_ratio') && n < 2) ctx.addIssue({ code: 'custom', message: `"${c.op}" needs at least two operands` });
        if (c.op === 'high_low' && n !== 2) ctx.addIssue({ code: 'custom', message: '"high_low" takes two operands: [high, low]' });
        if ((c.op === 'subtract_from') !== (c.constant !== undefined)) ctx.addIssue({ code: 'custom', message: '"constant" goes with "subtract_from" and only with it' });
      })
      .optional(),
    /** Readings above this are in tenths (a vendor quirk): multiplied by 0.1 before `scale`. */
    tenths_above: z.number().optional(),
    /**
     * Maps raw values to exported ones (e.g. upsOutputSource 5 → on battery 1); others get `map_default`.
     * With `states`, the mapped value is the state key, so several raw values can share one state.
     */
    map: z.record(z.string(), z.number()).optional(),
    map_default: z.number().optional(),
    /** An enumerated state: one series per state, 1 for the current one, under `label`. */
    states: z.strictObject({ label: labelName, values: z.record(z.string(), z.string()) }).optional(),
    /** For `info`: label name → scalar OID whose text becomes the label's value. */
    info: z.record(labelName, oid).optional(),
    /**
     * For a column: keep only rows whose value in each of these columns is one of `in` (e.g. entPhySensorType
     * 8 = celsius; a text entry matches the value as text, or an OBJECT IDENTIFIER value in dotted form:
     * Liebert lgpEnvTemperatureDescrDegC = lgpEnvReturnAirTemperature "1.3.6.1.4.1.476.1.42.3.4.1.1.2"), or
     * whose text matches `pattern` (a regular expression; e.g. the Cisco ASA failover row whose
     * cfwHardwareInformation says "(this device)").
     */
    where: z
      .array(
        z
          .strictObject({
            column: oid,
            in: z.array(z.union([z.number(), z.string()])).min(1).optional(),
            pattern: z.string().transform((source, ctx) => regex(source, ctx)).optional(),
          })
          .refine((w) => (w.in === undefined) !== (w.pattern === undefined), { error: 'give exactly one of "in" or "pattern"' }),
      )
      .default([]),
    /**
     * For a column: scale each row the ENTITY-SENSOR way, × 10^(3·(scale − 9)) ÷ 10^precision, from these
     * columns. Without `scale`, only ÷ 10^precision: a decimal-digits column (Raritan PDU2-MIB
     * inletSensorDecimalDigits: value 680 with 3 digits is 0.680).
     */
    sensor_scale: z.strictObject({ scale: oid.optional(), precision: oid }).optional(),
    /**
     * For a column: read only the rows whose index ends in these components (".1"), and drop them from the
     * labels and lookups. For tables indexed by what is measured (Raritan PDU2-MIB
     * measurementsInletSensorValue.pdu.inlet.sensorType: rmsCurrent(1), rmsVoltage(4) …): one metric per kind.
     */
    index_suffix: z.string().regex(/^\d+(\.\d+)*$/, { error: 'expected index components such as 1 or 4.1' }).optional(),
    /** For a column: multiply each row by the same row of this column (e.g. hrStorageSize × hrStorageAllocationUnits). */
    multiply_by: oid.optional(),
    /** For a column: the column to use per row where this one is missing (64-bit counter → 32-bit one). For a scalar: the scalar to use when this one is missing. */
    fallback: oid.optional(),
    /** Scale of the fallback column when it differs (ifSpeed is bit/s where ifHighSpeed is Mbit/s). */
    fallback_scale: z.number().optional(),
    /**
     * Temperatures in the unit another object selects (Geist temperatureUnits, APC, Sentry, CyberPower
     * unit settings): when that object's value is one of `fahrenheit`, the reading (after `scale`) is
     * converted to °C, (°F − 32) × 5 ÷ 9. `scalar` is one setting for the whole agent; `column` is read
     * at the same row. When the agent does not answer it, the reading is taken as °C. `unit: fahrenheit`
     * says the object is always in °F (CyberPower envirTemperature).
     */
    unit: z
      .union([
        z.literal('fahrenheit'),
        z
          .strictObject({ scalar: oid.optional(), column: oid.optional(), fahrenheit: z.array(z.number()).min(1) })
          .refine((u) => (u.scalar === undefined) !== (u.column === undefined), { error: 'give exactly one of "scalar" or "column"' }),
      ])
      .optional(),
    /**
     * For a column: a scalar giving how many rows are present (upsInputNumLines, a PDU's phase count):
     * only rows whose first index component is 1..that number are read, so phantom rows an agent keeps
     * for lines it does not have (zeros for lines 2 and 3 of a single-phase UPS) give nothing. When the
     * agent does not answer it, every row is read.
     */
    rows_count: oid.optional(),
    /**
     * For a column: rows a UPS card keeps for lines it does not have (a single-phase Riello NetMan 204
     * lists UPS-MIB lines 2 and 3 as all zeros, with no upsInputNumLines to say so). Rows whose first
     * index component is above the lowest are phantoms, and give nothing, when every one of them reads 0
     * in this column (the input or output voltage) and the lowest row does not. A three-phase UPS that
     * lost one phase still shows it: the other lines read non-zero.
     */
    phantom_zero_rows: oid.optional(),
    /** For counters: also export utilisation, rate × factor ÷ the speed metric of the same row (octets against bytes/s: factor 1). */
    utilisation: z.strictObject({ name: metricName, speed: metricName, factor: z.number().positive().default(1) }).optional(),
  })
  .superRefine((m, ctx) => {
    const sources = [m.get, m.walk, m.info, m.compute].filter((x) => x !== undefined).length;
    if (sources !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of "get", "walk", "info" or "compute"' });
  })
  .transform((m) => {
    const bounds = m.type === 'gauge' ? defaultBounds(m.name) : {};
    return { ...m, min: m.min ?? bounds.min, max: m.max ?? bounds.max };
  });

export const profileSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  /**
   * Which profile's value wins when two give the same series (name and labels): the higher. Default:
   * 10 for a profile with a class (vendor and device-class MIBs), 0 for a generic one — vendor over
   * generic. Declare it to reverse that for a vendor whose own MIB is worse than the standard one.
   */
  precedence: z.number().int().optional(),
  /** The class this profile implies when it matches (vendor and device-class MIBs); generic MIBs leave it out. */
  class: z.enum(DEVICE_CLASSES).optional(),
  detect: z
    .strictObject({
      sys_object_id: z.array(oid).default([]),
      /**
       * Regular expressions on sysDescr, for product lines whose agent sends a shared sysObjectID (net-snmp's
       * 8072.3.2.10 on a Buffalo TeraStation, Dell's bare 674 on a PowerVault ME4; Vyatta on 30803, the
       * enterprise Netentsec firewalls send too). A match counts as a sysObjectID match less specific than
       * any prefix.
       */
      sys_descr: z.array(z.string().transform((source, ctx) => regex(source, ctx))).default([]),
      /** The agent answers inside this subtree (a GETNEXT stays inside it). */
      subtree: oid.optional(),
      /**
       * When `subtree` answers, this profile's `class` wins over the class of a profile matched by
       * sysObjectID: for a product line whose sysObjectIDs are per-model entries in a vendor's space
       * shared with other kinds of device (Cisco UCS CIMC servers, or Cisco ASA answering CISCO-FIREWALL-MIB,
       * among Cisco switches and routers).
       */
      class_by_subtree: z.boolean().default(false),
      /**
       * Profiles this one stands in for: when auto-detection picks this profile, it drops these from the
       * agent's profiles (a Huawei iBMC's HOST-RESOURCES and UCD answers describe the BMC's own embedded
       * Linux, not the server it manages). Profiles named in the target's `profiles` option are kept.
       */
      replaces: z.array(z.string()).default([]),
    })
    .prefault({}),
  /**
   * Index → label value tables, walked every `lookup_refresh`; `fallback` fills rows where `oid` is missing or empty.
   * `via`: a column of the metric's own table whose value is the row of `oid` to read, for tables that point
   * at another one instead of sharing its index (cpmCPUTotalPhysicalIndex → entPhysicalName); a row whose
   * pointer is 0 or points nowhere gets no label.
   */
  lookups: z
    .array(
      z.strictObject({
        label: labelName,
        oid,
        fallback: oid.optional(),
        via: oid.optional(),
        /**
         * A regular expression whose first capture group is the part of the `fallback` text to keep: the
         * name inside a message such as "CPU Temperature-Ctlr B: 61 C 141.80F" (`^(.*): `); text it does
         * not match gives no label.
         */
        fallback_pattern: z.string().transform((source, ctx) => regex(source, ctx)).optional(),
      }),
    )
    .default([]),
  /** May be empty for a profile that only names a device class. */
  metrics: z.array(metricSchema).default([]),
});

/**
 * collectors/snmp/classes.yaml: the class of an agent no profile with a `class` matched, from declared
 * rules tried in order (sysObjectID prefixes of product lines, then subtrees the agent answers); an
 * agent no rule matches is `generic`. Answering IF-MIB alone is no rule: a UPS card, a PDU or a
 * firewall has interfaces too.
 */
export const classRulesSchema = z.strictObject({
  rules: z.array(
    z
      .strictObject({
        class: z.enum(DEVICE_CLASSES),
        sys_object_id: z.array(oid).default([]),
        subtree: oid.optional(),
        /**
         * A regular expression matched against sysDescr, for product lines whose agents give only a
         * generic sysObjectID (net-snmp's, FreeBSD's, or none) and no subtree of their own: pfSense,
         * OPNsense, ZyWALL USG, Barracuda Email Security Gateway. Tried before the other rules, and like
         * them after the classes profiles give, except `server`, which yields to any rule (detect.ts).
         */
        sys_descr: z.string().transform((source, ctx) => regex(source, ctx)).optional(),
        note: z.string().optional(),
      })
      .refine((r) => r.sys_object_id.length > 0 || r.subtree !== undefined || r.sys_descr !== undefined, { error: 'a rule needs "sys_object_id", "subtree" or "sys_descr"' }),
  ),
});
export type ClassRule = z.output<typeof classRulesSchema>['rules'][number];

export type Profile = z.output<typeof profileSchema>;
export type ProfileMetric = Profile['metrics'][number];

/**
 * Plausibility bounds every profile metric gets by the unit its exported name ends in, unless the
 * profile declares its own `min`/`max` (each side separately). They are the safety net for devices no
 * profile author has seen: a sentinel nobody declared (65535 minutes of runtime, 255 °C, -1 bytes) or a
 * wrong divisor is dropped and counted as `implausible` instead of reaching `/metrics`. Each bound is
 * wide enough for any real machine-room device of its kind.
 */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

const DAY = 86_400;

/** First match wins: specific names before the unit suffixes. */
const RULES: ReadonlyArray<readonly [RegExp, Bounds]> = [
  [/_(load|speed)_ratio$/, { min: 0, max: 5 }], // an overloaded UPS or PDU reads over 100 %
  [/_ratio$/, { min: 0, max: 1 }], // charge, utilisation, humidity
  [/_percent$/, { min: 0, max: 100 }],
  [/_(runtime|on_battery)_seconds$|^slaguard_ups_seconds_on_battery$/, { min: 0, max: 7 * DAY }],
  [/_uptime_seconds$/, { min: 0, max: 100 * 365 * DAY }],
  [/_seconds$/, { min: 0 }],
  [/_bytes$/, { min: 0, max: 2 ** 60 }], // an exbibyte
  [/_celsius$/, { min: -60, max: 150 }],
  [/^slaguard_(ups|pdu)_.*_volts$/, { min: 0, max: 2_000 }],
  [/_volts$/, { min: -2_000, max: 2_000 }], // a -12 V or -48 V rail is real
  [/^slaguard_(ups|pdu)_.*_amperes$/, { min: 0, max: 10_000 }],
  [/_amperes$/, { min: -10_000, max: 10_000 }],
  [/_watts$/, { min: 0, max: 10_000_000 }],
  [/_hertz$/, { min: 0, max: 1_000 }],
  [/_rpm$/, { min: 0, max: 100_000 }],
  [/_sessions(_max)?$|_per_second$|_count$/, { min: 0 }],
];

/** The default bounds of an exported metric name (none for names without a known unit). */
export function defaultBounds(name: string): Bounds {
  return RULES.find(([pattern]) => pattern.test(name))?.[1] ?? {};
}

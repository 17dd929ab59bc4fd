import { describe, expect, it } from 'vitest';
import { down, packFromText, rulesRig, sample, target } from '../../test/helpers/rules.ts';
import { fingerprint } from './fingerprint.ts';

const text = { summary: '{ zh-CN: "告警 {{ $labels.target }} {{ $value }}", en: "alert {{ $labels.target }} {{ $value }}" }', description: '{ zh-CN: "说明", en: "details" }' };
const rule = (body: string) => `  - ${body.trim().split('\n').join('\n    ')}\n    summary: ${text.summary}\n    description: ${text.description}\n`;
const pack = (...rules: string[]) => packFromText(`rules:\n${rules.map(rule).join('')}`);

const CHARGE = 'slaguard_ups_battery_charge_ratio';
const ups = target('ups1', 'snmp', { site: 'A' });
const MIN = 60_000;

describe('threshold rules', () => {
  const rules = pack(`id: charge-low\nkind: threshold\nseverity: critical\nmetric: ${CHARGE}\nbelow: 0.3\nclear: 0.4\nfor: 2m\nkeep_firing_for: 5m`);

  it('waits for `for`, fires, keeps firing inside the clear band, and resolves after keep_firing_for', () => {
    const rig = rulesRig(rules);
    rig.poll(ups, [sample(CHARGE, 0.25)]);
    expect(rig.active('charge-low')).toMatchObject([{ state: 'pending', value: 0.25 }]);
    rig.advance(MIN);
    rig.poll(ups, [sample(CHARGE, 0.2)]);
    expect(rig.firing()).toEqual([]);
    rig.advance(MIN);
    // fired by the timer at activeAt + 2m, not by a poll
    const [alert] = rig.firing('charge-low');
    expect(alert).toMatchObject({ state: 'firing', firedAt: rig.timers.now(), labels: { alertname: 'charge-low', severity: 'critical', target: 'ups1', site: 'A' } });
    expect(alert!.summary).toEqual({ 'zh-CN': '告警 ups1 0.2', en: 'alert ups1 0.2' });
    expect(alert!.fingerprint).toBe(fingerprint('charge-low', alert!.labels));
    rig.pollFor(ups, 10 * MIN, () => [sample(CHARGE, 0.35)]); // above 30 % but not above 40 %: still breaking
    expect(rig.firing('charge-low')).toHaveLength(1);
    rig.advance(30_000);
    rig.pollFor(ups, 4 * MIN, () => [sample(CHARGE, 0.45)]); // cleared; keep_firing_for holds it 5 minutes from the last breaking poll
    expect(rig.firing('charge-low')).toHaveLength(1);
    rig.advance(30_000);
    expect(rig.active()).toEqual([]);
    expect(rig.changes.map((c) => `${c.previous}->${c.alert.state}`)).toEqual(['inactive->pending', 'pending->firing', 'firing->resolved']);
  });

  it('a pending alert that clears before `for` never fires', () => {
    const rig = rulesRig(rules);
    rig.poll(ups, [sample(CHARGE, 0.25)]);
    rig.advance(MIN);
    rig.poll(ups, [sample(CHARGE, 0.9)]);
    rig.advance(10 * MIN);
    expect(rig.changes.map((c) => c.alert.state)).toEqual(['pending', 'resolved']);
  });

  it('a failed poll changes nothing; a series the target stops reporting resolves', () => {
    const rig = rulesRig(pack(`id: charge-low\nkind: threshold\nseverity: critical\nmetric: ${CHARGE}\nbelow: 0.3`));
    rig.poll(ups, [sample(CHARGE, 0.1)]);
    rig.poll(ups, down());
    expect(rig.firing('charge-low')).toHaveLength(1);
    rig.poll(ups, [sample('slaguard_ups_on_battery', 0)]);
    expect(rig.firing('charge-low')).toEqual([]);
  });

  it('outside a band relative to a nominal label', () => {
    const rig = rulesRig(pack('id: volts\nkind: threshold\nseverity: warning\nmetric: slaguard_ups_input_voltage_volts\noutside: { low: 0.9, high: 1.1 }\nrelative_to: { label: nominal_voltage, default: 220 }'));
    const ups230 = target('ups230', 'snmp', { nominal_voltage: '230' });
    rig.poll(ups, [sample('slaguard_ups_input_voltage_volts', 245, { line: '1' })]); // 220 V nominal: 242 is the limit
    rig.poll(ups230, [sample('slaguard_ups_input_voltage_volts', 245, { line: '1' })]); // 230 V nominal: 253 is the limit
    expect(rig.firing('volts').map((a) => a.labels.target)).toEqual(['ups1']);
  });
});

describe('other kinds', () => {
  it('state: fires while the state series of the named state is 1; the alert has no state label', () => {
    const rig = rulesRig(pack('id: on-battery\nkind: state\nseverity: critical\nmetric: slaguard_ups_output_source\nlabel: source\nstates: [battery]'));
    const src = (now: string) => ['normal', 'battery', 'bypass'].map((s) => sample('slaguard_ups_output_source', s === now ? 1 : 0, { source: s }, 'state'));
    rig.poll(ups, src('normal'));
    expect(rig.active()).toEqual([]);
    rig.poll(ups, src('battery'));
    expect(rig.firing('on-battery')).toMatchObject([{ labels: { target: 'ups1' } }]);
    expect(rig.firing()[0]!.labels.source).toBeUndefined();
    rig.poll(ups, src('normal'));
    expect(rig.active()).toEqual([]);
  });

  it('rate: per-second rate of a counter between polls; throughput against interface speed', () => {
    const rig = rulesRig(pack(
      'id: errors\nkind: rate\nseverity: warning\nmetric: slaguard_interface_in_errors_total\nabove: 1',
      'id: util\nkind: rate\nseverity: warning\nmetric: slaguard_interface_in_octets_total\nabove: 0.9\nper_speed: { metric: slaguard_interface_speed_bytes_per_second }',
    ));
    const sw = target('sw1');
    const at = (errors: number, octets: number) => [
      sample('slaguard_interface_in_errors_total', errors, { interface: 'ge0' }, 'counter'),
      sample('slaguard_interface_in_octets_total', octets, { interface: 'ge0' }, 'counter'),
      sample('slaguard_interface_speed_bytes_per_second', 1e6 / 8, { interface: 'ge0' }),
    ];
    rig.poll(sw, at(0, 0));
    rig.advance(30_000);
    rig.poll(sw, at(15, 30 * 100_000 / 8)); // 0.5 errors/s, 100 kbit/s of 1 Mbit/s
    expect(rig.active()).toEqual([]);
    rig.advance(30_000);
    rig.poll(sw, at(15 + 60, 30 * 100_000 / 8 + 30 * 950_000 / 8)); // 2 errors/s, 950 kbit/s
    expect(rig.firing().map((a) => [a.rule, a.value])).toEqual([['errors', 2], ['util', 0.95]]);
    rig.advance(30_000);
    rig.poll(sw, at(3, 10)); // counters reset (device rebooted): no verdict, alerts kept
    expect(rig.firing()).toHaveLength(2);
  });

  it('absent: no sample for the duration while the target answers; not while it is down', () => {
    const rig = rulesRig(pack('id: no-charge\nkind: absent\nseverity: warning\nmetric: slaguard_ups_battery_charge_ratio\nfor: 5m'));
    rig.poll(ups, [sample(CHARGE, 0.9)]);
    rig.pollFor(ups, 4 * MIN, () => [sample('slaguard_ups_on_battery', 0)]);
    expect(rig.active()).toEqual([]);
    rig.advance(MIN);
    expect(rig.firing('no-charge')).toMatchObject([{ labels: { target: 'ups1' } }]);
    rig.poll(ups, [sample(CHARGE, 0.9)]);
    expect(rig.active()).toEqual([]);
    const other = target('ups2');
    rig.poll(other, [sample(CHARGE, 0.9)]);
    rig.pollFor(other, 10 * MIN, () => down());
    expect(rig.active()).toEqual([]);
  });

  it('change: an uptime that goes back fires, and resolves after resolve_after', () => {
    const rig = rulesRig(pack('id: rebooted\nkind: change\nseverity: info\nmetric: slaguard_device_uptime_seconds\nresolve_after: 30m'));
    rig.pollFor(target('r1'), 5 * MIN, (e) => [sample('slaguard_device_uptime_seconds', 1000 + e / 1000)]);
    expect(rig.active()).toEqual([]);
    rig.advance(30_000);
    rig.poll(target('r1'), [sample('slaguard_device_uptime_seconds', 12)]);
    expect(rig.firing('rebooted')).toMatchObject([{ value: 12 }]);
    rig.pollFor(target('r1'), 29 * MIN, (e) => [sample('slaguard_device_uptime_seconds', 42 + e / 1000)]);
    expect(rig.firing('rebooted')).toHaveLength(1);
    rig.advance(MIN);
    expect(rig.active()).toEqual([]);
  });

  it('target status: down for the duration (dated from the ledger), only for the kinds named', () => {
    const rig = rulesRig(pack('id: unreachable\nkind: target_status\nseverity: critical\nstatus: [down]\nkinds: [snmp]\nfor: 1m'));
    const web = target('web', 'http');
    rig.poll(ups, down());
    rig.poll(web, down());
    expect(rig.active()).toMatchObject([{ state: 'pending', activeAt: rig.timers.now() }]);
    rig.advance(MIN);
    expect(rig.firing('unreachable').map((a) => a.labels.target)).toEqual(['ups1']);
    rig.poll(ups, [sample(CHARGE, 1)]);
    expect(rig.active()).toEqual([]);
  });

  it('event: a trap fires at once; its opposite resolves it, or the time does', () => {
    const rig = rulesRig(pack('id: trap-battery\nkind: event\nseverity: critical\nevent: { kinds: [ups_on_battery], source: snmp-trap }\nresolve_on: [ups_on_mains]\nresolve_after: 10m'));
    rig.poll(ups, [sample(CHARGE, 1)]);
    const trap = (kind: string) => rig.events.append({ at: rig.timers.now(), source: 'snmp-trap', kind, severity: 'critical', target: 'ups1', summary: kind, details: {} });
    trap('ups_on_battery');
    expect(rig.firing('trap-battery')).toMatchObject([{ labels: { target: 'ups1', site: 'A' } }]);
    trap('ups_on_mains');
    expect(rig.active()).toEqual([]);
    trap('ups_on_battery');
    rig.advance(10 * MIN);
    expect(rig.active()).toEqual([]);
    expect(rig.changes.map((c) => c.alert.state)).toEqual(['firing', 'resolved', 'firing', 'resolved']);
  });

  it('composite: all of two rules on the same target', () => {
    const rig = rulesRig(pack(
      'id: on-battery\nkind: threshold\nseverity: critical\nmetric: slaguard_ups_on_battery\nabove: 0',
      `id: low\nkind: threshold\nseverity: critical\nmetric: ${CHARGE}\nbelow: 0.5`,
      'id: shutdown-soon\nkind: composite\nseverity: critical\nall: [on-battery, low]',
    ));
    rig.poll(ups, [sample('slaguard_ups_on_battery', 1), sample(CHARGE, 0.9)]);
    expect(rig.firing('shutdown-soon')).toEqual([]);
    rig.poll(ups, [sample('slaguard_ups_on_battery', 1), sample(CHARGE, 0.4)]);
    expect(rig.firing('shutdown-soon')).toMatchObject([{ labels: { target: 'ups1', alertname: 'shutdown-soon' } }]);
    rig.poll(ups, [sample('slaguard_ups_on_battery', 0), sample(CHARGE, 0.4)]);
    expect(rig.firing('shutdown-soon')).toEqual([]);
  });
});

describe('dependencies', () => {
  it('a switch goes down: its 20 hosts\' alerts are suppressed, none firing unsuppressed', () => {
    const rules = pack('id: unreachable\nkind: target_status\nseverity: critical\nfor: 1m');
    const rig = rulesRig(rules, { settings: { depends_on: [{ rule: 'unreachable', labels: { uplink: 'target' }, match: [] }] } as never });
    const sw = target('sw1');
    const hosts = Array.from({ length: 20 }, (_, i) => target(`host${i}`, 'host', { uplink: 'sw1' }));
    // the hosts' polls fail first, the switch's a little later
    for (const h of hosts) rig.poll(h, down());
    rig.advance(20_000);
    rig.poll(sw, down());
    for (let s = 0; s < 10 * 60; s += 30) {
      rig.advance(30_000);
      for (const h of hosts) rig.poll(h, down());
      rig.poll(sw, down());
    }
    const firing = rig.firing('unreachable');
    expect(firing).toHaveLength(21);
    const swAlert = firing.find((a) => a.labels.target === 'sw1')!;
    expect(swAlert.suppressedBy).toBeUndefined();
    for (const a of firing.filter((x) => x !== swAlert)) expect(a.suppressedBy).toBe(swAlert.fingerprint);
    // no host alert was ever announced firing without its suppression
    expect(rig.changes.filter((c) => c.alert.state === 'firing' && c.alert.labels.target !== 'sw1' && c.alert.suppressedBy === undefined)).toEqual([]);
    // the switch comes back, a host stays down: that host's alert is no longer suppressed
    rig.poll(sw, [sample('slaguard_device_uptime_seconds', 5)]);
    rig.poll(hosts[0]!, down());
    expect(rig.firing('unreachable').map((a) => [a.labels.target, a.suppressedBy])).toContainEqual(['host0', undefined]);
  });
});

describe('flapping', () => {
  it('N changes within the window mark it flapping; it stays so until stable for the set time', () => {
    const rig = rulesRig(pack(`id: low\nkind: threshold\nseverity: warning\nmetric: ${CHARGE}\nbelow: 0.3\nflapping: { changes: 4, window: 1h, stable_for: 30m }`));
    for (let i = 0; i < 3; i++) {
      rig.poll(ups, [sample(CHARGE, 0.1)]);
      rig.advance(5 * MIN);
      rig.poll(ups, [sample(CHARGE, 0.9)]);
      rig.advance(5 * MIN);
    }
    rig.poll(ups, [sample(CHARGE, 0.1)]);
    expect(rig.firing('low')).toMatchObject([{ flapping: true }]);
    rig.pollFor(ups, 25 * MIN, () => [sample(CHARGE, 0.1)], 5 * MIN);
    rig.advance(4 * MIN);
    expect(rig.firing('low')).toMatchObject([{ flapping: true }]);
    rig.advance(MIN);
    expect(rig.firing('low')).toMatchObject([{ flapping: false }]);
    expect(rig.changes.at(-1)).toMatchObject({ previous: 'firing', alert: { state: 'firing', flapping: false } });
  });
});

describe('reload', () => {
  it('an unchanged rule keeps its alert; a changed one resolves and starts again', () => {
    const a = `id: low\nkind: threshold\nseverity: warning\nmetric: ${CHARGE}\nbelow: 0.3`;
    const b = 'id: batt\nkind: threshold\nseverity: warning\nmetric: slaguard_ups_on_battery\nabove: 0';
    const rig = rulesRig(pack(a, b));
    rig.poll(ups, [sample(CHARGE, 0.1), sample('slaguard_ups_on_battery', 1)]);
    const before = rig.firing('low')[0]!;
    rig.engine.setRules(pack(a, `${b}\nfor: 1m`), { flapping: { changes: 6, window: 3_600_000, stable_for: 1_800_000 }, depends_on: [] });
    expect(rig.firing('low')).toEqual([before]);
    expect(rig.active('batt')).toEqual([]);
    expect(rig.changes.filter((c) => c.alert.rule === 'low').map((c) => c.alert.state)).toEqual(['firing']);
  });

  it('a target removed from the config resolves its alerts', () => {
    const rig = rulesRig(pack(`id: low\nkind: threshold\nseverity: warning\nmetric: ${CHARGE}\nbelow: 0.3`));
    rig.poll(ups, [sample(CHARGE, 0.1)]);
    rig.engine.onRemove('ups1');
    expect(rig.active()).toEqual([]);
    expect(rig.changes.map((c) => c.alert.state)).toEqual(['firing', 'resolved']);
  });
});

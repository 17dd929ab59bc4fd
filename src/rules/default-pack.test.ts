import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { down, rulesRig, sample, target } from '../../test/helpers/rules.ts';
import type { Sample, Target } from '../collector/types.ts';
import { formatProblem, type CollectError } from '../errors.ts';
import { COOLING, DEVICE, HOST, HTTP, IFACE, METRIC_DEFS, PDU, STORAGE, UPS } from '../metrics/names.ts';
import { DEFAULT_PACK, loadRulePacks } from './load.ts';

const MIN = 60_000;
const { rules, problems } = loadRulePacks(undefined, '/');

type Rig = ReturnType<typeof rulesRig>;
type Poll = (elapsed: number) => readonly Sample[] | CollectError;
/** A rule's test: the target, how long to poll, and what a breaking and a healthy target report. */
interface Case { target: Target; ms?: number; bad: Poll; good: Poll; run?: (rig: Rig, breaking: boolean) => void }

const ups = target('ups-a', 'snmp', { site: '主机房' });
const sw = target('core-sw', 'snmp');
const host = target('db01', 'host');
const web = target('portal', 'http');
const env = target('room-env', 'snmp', { role: 'environment' });
const one = (name: string, labels: Record<string, string> = {}) => (v: number) => () => [sample(name, v, labels)];
const source = (now: string) => () => ['normal', 'battery', 'bypass'].map((s) => sample(UPS.outputSource.name, s === now ? 1 : 0, { source: s }, 'state'));
const iface = (oper: number, admin: number) => () => [sample(IFACE.operUp.name, oper, { interface: 'ge0/1' }), sample(IFACE.adminUp.name, admin, { interface: 'ge0/1' })];
const errors = (perPoll: number) => (e: number) => [sample(IFACE.inErrors.name, (e / 30_000) * perPoll, { interface: 'ge0/1' }, 'counter')];
const uptime = (reboot: boolean) => (e: number) => [sample(DEVICE.uptime.name, reboot && e >= 2 * MIN ? (e - 2 * MIN) / 1000 : 86_400 + e / 1000)];
const trap = (kind: string) => (rig: Rig) => rig.events.append({ at: rig.timers.now(), source: 'snmp-trap', kind, severity: 'critical', target: ups.name, summary: kind, details: {} });

const CASES: Record<string, Case> = {
  'ups-on-battery': { target: ups, bad: source('battery'), good: source('normal') },
  'ups-on-battery-trap': { target: ups, bad: source('normal'), good: source('normal'), run: (rig, b) => trap(b ? 'ups_on_battery' : 'ups_test_completed')(rig) },
  'ups-battery-low': { target: ups, bad: one(UPS.charge.name)(0.25), good: one(UPS.charge.name)(0.35) },
  'ups-runtime-low': { target: ups, bad: one(UPS.runtime.name)(300), good: one(UPS.runtime.name)(1800) },
  'ups-overload': { target: ups, ms: 2 * MIN, bad: one(UPS.outputLoad.name, { line: '1' })(0.95), good: one(UPS.outputLoad.name, { line: '1' })(0.85) },
  'ups-input-voltage': { target: ups, ms: 2 * MIN, bad: one(UPS.inputVoltage.name, { line: '1' })(185), good: one(UPS.inputVoltage.name, { line: '1' })(232) },
  'ups-alarms-present': { target: ups, bad: one(UPS.alarmsPresent.name)(2), good: one(UPS.alarmsPresent.name)(0) },
  'interface-down': { target: sw, bad: iface(0, 1), good: iface(0, 0) },
  'link-utilisation-in-high': { target: sw, ms: 11 * MIN, bad: one(IFACE.inUtilisation.name, { interface: 'ge0/1' })(0.95), good: one(IFACE.inUtilisation.name, { interface: 'ge0/1' })(0.85) },
  'link-utilisation-out-high': { target: sw, ms: 11 * MIN, bad: one(IFACE.outUtilisation.name, { interface: 'ge0/1' })(0.95), good: one(IFACE.outUtilisation.name, { interface: 'ge0/1' })(0.85) },
  'interface-errors': { target: sw, ms: 6 * MIN, bad: errors(100), good: errors(10) },
  'device-rebooted': { target: sw, ms: 3 * MIN, bad: uptime(true), good: uptime(false) },
  'device-cpu-high': { target: sw, ms: 11 * MIN, bad: one(DEVICE.cpuUtilisation.name, { cpu: '1' })(0.95), good: one(DEVICE.cpuUtilisation.name, { cpu: '1' })(0.85) },
  'host-cpu-high': { target: host, ms: 11 * MIN, bad: one(HOST.cpuUtilisation.name)(0.95), good: one(HOST.cpuUtilisation.name)(0.85) },
  'host-memory-high': { target: host, ms: 6 * MIN, bad: one(HOST.memUtilisation.name)(0.97), good: one(HOST.memUtilisation.name)(0.93) },
  'filesystem-full-warning': { target: host, ms: 6 * MIN, bad: one(HOST.fsUtilisation.name, { mountpoint: '/var' })(0.92), good: one(HOST.fsUtilisation.name, { mountpoint: '/var' })(0.85) },
  'filesystem-full-critical': { target: host, ms: 6 * MIN, bad: one(HOST.fsUtilisation.name, { mountpoint: '/var' })(0.97), good: one(HOST.fsUtilisation.name, { mountpoint: '/var' })(0.92) },
  'target-unreachable': { target: sw, ms: 2 * MIN, bad: () => down(), good: one(DEVICE.uptime.name)(100) },
  'http-probe-failing': { target: web, ms: 2 * MIN, bad: () => down(), good: one(HTTP.statusCode.name)(200) },
  'tls-cert-expiring': { target: web, bad: one(HTTP.certDaysLeft.name)(20), good: one(HTTP.certDaysLeft.name)(45) },
  'tls-cert-expiring-critical': { target: web, bad: one(HTTP.certDaysLeft.name)(3), good: one(HTTP.certDaysLeft.name)(20) },
  'room-temperature': { target: env, ms: 6 * MIN, bad: one(DEVICE.temperature.name, { index: '1' })(29), good: one(DEVICE.temperature.name, { index: '1' })(23) },
  'room-humidity': { target: env, ms: 6 * MIN, bad: one(DEVICE.humidity.name, { index: '1' })(0.2), good: one(DEVICE.humidity.name, { index: '1' })(0.5) },
  'pdu-load-high': { target: target('pdu-a1', 'snmp'), ms: 6 * MIN, bad: one(PDU.load.name, { phase: '1' })(0.85), good: one(PDU.load.name, { phase: '1' })(0.6) },
  'storage-array-degraded': { target: target('san1', 'snmp'), bad: one(STORAGE.volumeOk.name, { volume: 'rg0' })(0), good: one(STORAGE.volumeOk.name, { volume: 'rg0' })(1) },
  'storage-disk-failed': { target: target('san1', 'snmp'), bad: one(STORAGE.diskOk.name, { disk: '0.3' })(0), good: one(STORAGE.diskOk.name, { disk: '0.3' })(1) },
  'hardware-health-degraded': { target: target('bmc-db01', 'snmp'), ms: 3 * MIN, bad: one(DEVICE.healthOk.name, { component: 'system' })(0), good: one(DEVICE.healthOk.name, { component: 'system' })(1) },
  'fan-failed': { target: target('bmc-db01', 'snmp'), ms: 3 * MIN, bad: one(STORAGE.fanOk.name, { fan: 'Fan3' })(0), good: one(STORAGE.fanOk.name, { fan: 'Fan3' })(1) },
  'power-supply-failed': { target: target('bmc-db01', 'snmp'), ms: 3 * MIN, bad: one(STORAGE.psuOk.name, { psu: 'PS2' })(0), good: one(STORAGE.psuOk.name, { psu: 'PS2' })(1) },
  'cooling-alarm': { target: target('crac-1', 'snmp'), ms: 2 * MIN, bad: one(COOLING.alarmsPresent.name)(1), good: one(COOLING.alarmsPresent.name)(0) },
  'cooling-supply-air-high': { target: target('crac-1', 'snmp'), ms: 6 * MIN, bad: one(COOLING.supplyTemperature.name)(28), good: one(COOLING.supplyTemperature.name)(22) },
  'ha-out-of-sync': { target: target('fw-1', 'snmp'), ms: 6 * MIN, bad: one(DEVICE.haInSync.name)(0), good: one(DEVICE.haInSync.name)(1) },
};

function play(id: string, breaking: boolean): Rig {
  const c = CASES[id]!;
  const rig = rulesRig(rules);
  rig.pollFor(c.target, c.ms ?? MIN, breaking ? c.bad : c.good);
  c.run?.(rig, breaking);
  return rig;
}

describe(`the default pack (${DEFAULT_PACK})`, () => {
  it('loads without problems, and every metric it names is defined in src/metrics/names.ts', () => {
    expect(problems).toEqual([]);
    const named = rules.flatMap((r) => ('metric' in r.spec ? [r.spec.metric] : []));
    expect(named.filter((m) => !METRIC_DEFS.has(m))).toEqual([]);
  });

  it('every shipped pack in rules/ loads, naming only metrics of names.ts or the SNMP profiles', () => {
    const shipped = readdirSync(dirname(DEFAULT_PACK)).filter((f) => f.endsWith('.yaml'));
    expect(shipped).toContain('default.yaml');
    expect(loadRulePacks(shipped, dirname(DEFAULT_PACK)).problems.map(formatProblem)).toEqual([]);
  });

  it('has a test case for every rule, and every case is a rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(rules.map((r) => r.spec.id).sort());
  });

  it.each(rules.map((r) => r.spec.id))('%s fires on a series that breaks it, with its texts rendered in both languages', (id) => {
    const rig = play(id, true);
    const [alert, ...more] = rig.firing(id);
    expect(alert, `${id} should fire`).toBeDefined();
    expect(more).toEqual([]);
    expect(alert!.labels).toMatchObject({ alertname: id, target: CASES[id]!.target.name });
    for (const text of [alert!.summary['zh-CN'], alert!.summary.en, alert!.description['zh-CN'], alert!.description.en]) {
      expect(text).not.toMatch(/\{\{|\}\}/);
    }
    expect(alert!.summary['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(rules.map((r) => r.spec.id))('%s stays quiet on a series that does not break it', (id) => {
    const rig = play(id, false);
    expect(rig.active(id)).toEqual([]);
  });

  it('battery charge: below 30 % fires, 35 % keeps it, above 40 % clears', () => {
    const rig = rulesRig(rules);
    rig.poll(ups, [sample(UPS.charge.name, 0.28)]);
    rig.poll(ups, [sample(UPS.charge.name, 0.35)]);
    expect(rig.firing('ups-battery-low')).toHaveLength(1);
    expect(rig.firing('ups-battery-low')[0]!.summary['zh-CN']).toBe('UPS ups-a 电池电量低：35%');
    rig.poll(ups, [sample(UPS.charge.name, 0.41)]);
    expect(rig.active('ups-battery-low')).toEqual([]);
  });

  it('a 97 % full filesystem pages once: the warning is suppressed by the critical alert', () => {
    const rig = rulesRig(rules);
    rig.pollFor(host, 6 * MIN, () => [sample(HOST.fsUtilisation.name, 0.97, { mountpoint: '/' })]);
    const critical = rig.firing('filesystem-full-critical')[0]!;
    expect(rig.firing('filesystem-full-warning')).toMatchObject([{ suppressedBy: critical.fingerprint }]);
  });

  it('input voltage uses the target label nominal_voltage when given (230 V here)', () => {
    const rig = rulesRig(rules);
    const ups230 = target('ups-b', 'snmp', { nominal_voltage: '230' });
    rig.pollFor(ups230, 2 * MIN, () => [sample(UPS.inputVoltage.name, 245, { line: '1' })]);
    rig.pollFor(ups, 2 * MIN, () => [sample(UPS.inputVoltage.name, 245, { line: '1' })]);
    expect(rig.firing('ups-input-voltage').map((a) => a.labels.target)).toEqual(['ups-a']);
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { requireBinary } from '../../../test/helpers/components.ts';
import { SLAGUARD_BIN } from '../../../test/helpers/slaguard.ts';
import { loadConfigFile } from '../../config/load.ts';
import { packRuleGroups } from './pack-rules.ts';
import { renderInhibitFile, renderRuleFile } from './render.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/prom-rules');

/** The rules a config loads: the default pack when `packs` is empty. */
function loaded(packs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'pack-rules-'));
  const file = join(dir, 'slaguard.yaml');
  writeFileSync(file, `storage:\n  path: ./unused.db\n${packs.length > 0 ? `rule_files: ${JSON.stringify(packs)}\n` : ''}`);
  return { dir, file, config: loadConfigFile(file) };
}

const exprOf = (out: ReturnType<typeof packRuleGroups>, id: string) => out.groups.flatMap((g) => g.rules).find((r) => r.alert === id);

describe('rule packs as Prometheus alerting rules', () => {
  it('the default pack exports to a file promtool accepts, and its battery hysteresis behaves like slaguard\'s engine under promtool test rules', () => {
    const promtool = requireBinary('/usr/bin/promtool', 'prometheus');
    const { dir, config } = loaded();
    const out = packRuleGroups(config.rules.loaded);
    const count = config.rules.loaded.length - out.untranslated.length;
    expect(out.untranslated).toEqual(['ups-on-battery-trap']);
    writeFileSync(join(dir, 'slaguard-rules.yml'), renderRuleFile(out.groups, ['test']));
    const check = spawnSync(promtool, ['check', 'rules', join(dir, 'slaguard-rules.yml')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain(`SUCCESS: ${count} rules found`);
    expect(check.status).toBe(0);
    copyFileSync(join(FIXTURES, 'battery-hysteresis.test.yml'), join(dir, 'battery-hysteresis.test.yml'));
    const test = spawnSync(promtool, ['test', 'rules', join(dir, 'battery-hysteresis.test.yml')], { encoding: 'utf8' });
    expect(test.stdout + test.stderr).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('translates threshold with for and clear, state, and keeps the texts in both languages', () => {
    const out = packRuleGroups(loaded().config.rules.loaded);
    expect(exprOf(out, 'ups-overload')).toEqual({
      alert: 'ups-overload',
      expr: '(slaguard_ups_output_load_ratio > 0.9) or ((slaguard_ups_output_load_ratio >= 0.85) and ignoring(alertname, alertstate, severity, category) ALERTS{alertname="ups-overload"})',
      for: '1m',
      labels: { category: 'infrastructure', severity: 'critical' },
      annotations: {
        summary: 'UPS {{ $labels.target }} 过载：负载 {{ $value | humanizePercentage }}',
        summary_en: 'UPS {{ $labels.target }} overloaded: load {{ $value | humanizePercentage }}',
        description: '输出负载超过额定容量的 90% 已持续 1 分钟。',
        description_en: 'Output load above 90 % of the rated capacity for 1 minute.',
      },
    });
    expect(exprOf(out, 'ups-on-battery')!.expr).toBe('max without(source) (slaguard_ups_output_source{source=~"battery"} == 1)');
    expect(exprOf(out, 'interface-down')!.expr).toBe('(slaguard_interface_oper_up < 1) and slaguard_interface_admin_up == 1');
    expect(exprOf(out, 'room-temperature')!.expr).toContain('slaguard_sensor_temperature_celsius{role="environment"} < 18 or slaguard_sensor_temperature_celsius{role="environment"} > 27');
    // a down HTTP target fires http-probe-failing only, not target-unreachable as well
    expect(exprOf(out, 'target-unreachable')!.expr).toBe('slaguard_target_up{kind=~"snmp|host|agent|nut"} == 0');
    expect(exprOf(out, 'http-probe-failing')!.expr).toBe('slaguard_target_up{kind=~"http"} == 0');
    expect(exprOf(out, 'device-rebooted')).toMatchObject({ expr: 'slaguard_device_uptime_seconds and resets(slaguard_device_uptime_seconds[5m]) > 0', keep_firing_for: '30m' });
    expect(out.notes).toContainEqual(expect.stringMatching(/^ups-on-battery-trap \(default\.yaml\): not exported: an event rule/));
    expect(out.notes).toContain('device-rebooted (default.yaml): the drop stays in resets()\' 5m window, so the alert lasts up to 5m longer than resolve_after');
    expect(out.notes).toContainEqual(expect.stringMatching(/^ups-input-voltage \(default\.yaml\): levels are relative to the label nominal_voltage.*220/));
  });

  it('rate against speed, absent (firing under promtool test rules), composite; an event and composites over it are listed as not exported', () => {
    const promtool = requireBinary('/usr/bin/promtool', 'prometheus');
    const { dir, config } = loaded([join(FIXTURES, 'kinds.rules.yaml')]);
    const out = packRuleGroups(config.rules.loaded);
    expect(exprOf(out, 'uplink-saturated')!.expr).toBe('rate(slaguard_interface_in_octets_total[5m]) * 1 / (slaguard_interface_speed_bytes_per_second > 0) > 0.9');
    expect(exprOf(out, 'ups-silent')).toMatchObject({ expr: 'slaguard_target_up{site=~"bj-.*"} unless on(target) slaguard_ups_battery_charge_ratio{site=~"bj-.*"}', for: '10m' });
    expect(exprOf(out, 'silent-or-saturated')!.expr).toBe('group by(target) (ALERTS{alertname="ups-silent",alertstate="firing"}) or on(target) group by(target) (ALERTS{alertname="uplink-saturated",alertstate="firing"})');
    expect(out.untranslated).toEqual(['door-opened', 'power-and-door']);
    expect(out.notes).toContain('power-and-door (kinds.rules.yaml): not exported: its part door-opened is not exported');
    writeFileSync(join(dir, 'slaguard-rules.yml'), renderRuleFile(out.groups, ['test']));
    const check = spawnSync(promtool, ['check', 'rules', join(dir, 'slaguard-rules.yml')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('SUCCESS: 3 rules found');
    copyFileSync(join(FIXTURES, 'absent.test.yml'), join(dir, 'absent.test.yml'));
    const test = spawnSync(promtool, ['test', 'rules', join(dir, 'absent.test.yml')], { encoding: 'utf8' });
    expect(test.stdout + test.stderr).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('dependencies become Alertmanager inhibit_rules that amtool accepts', () => {
    const amtool = requireBinary('/usr/bin/amtool', 'prometheus-alertmanager');
    const { dir, config } = loaded();
    const out = packRuleGroups(config.rules.loaded, [{ rule: 'target-unreachable', labels: { uplink: 'target' }, match: [] }]);
    expect(out.inhibitRules).toContainEqual({ source_matchers: ['alertname="filesystem-full-critical"'], target_matchers: ['alertname="filesystem-full-warning"'], equal: ['target', 'mountpoint'] });
    expect(out.notes).toContainEqual(expect.stringMatching(/^rules\.depends_on: Alertmanager's "equal" needs the same label name.*uplink = parent's target/));
    const file = join(dir, 'alertmanager.yml');
    writeFileSync(file, `route: { receiver: none }\nreceivers: [{ name: none }]\n${renderInhibitFile(out.inhibitRules, ['test'])}`);
    const check = spawnSync(amtool, ['check-config', file], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.status).toBe(0);
    expect((parse(readFileSync(file, 'utf8')) as { inhibit_rules: unknown[] }).inhibit_rules).toHaveLength(out.inhibitRules.length);
  });

  it('slaguard rules export writes slaguard-rules.yml without SLA services and says on stderr what does not translate', () => {
    const { dir, file } = loaded();
    const run = spawnSync(process.execPath, [SLAGUARD_BIN, 'rules', 'export', '--config', file, '--out', join(dir, 'out')], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${join(dir, 'out', 'slaguard-rules.yml')}: 31 alerting rules from 32 pack rules`);
    expect(run.stdout).toContain('slaguard-sla.yml: not written, no SLA service is in force');
    expect(run.stderr).toContain('rules export: ups-on-battery-trap (default.yaml): not exported: an event rule');
    expect(readFileSync(join(dir, 'out', 'slaguard-rules.yml'), 'utf8')).toContain('#   ups-on-battery-trap (default.yaml): not exported');
    expect(run.stdout).toContain(`${join(dir, 'out', 'alertmanager-inhibit.yaml')}: 3 inhibit rules (rule dependencies)`);
  });
});

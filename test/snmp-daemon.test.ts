import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';

/**
 * The "done when": one config with a UPS, a switch and a storage array (v2c, recordings of
 * real devices in snmpsim) and a server (v3 authPriv, a real snmpd) polls them all, and /metrics
 * shows the normalised series with the values recorded, under each target's labels.
 */
let app: App;

beforeAll(async () => {
  const sim = `127.0.0.1:${inject('snmpsim').port}`;
  app = buildApp(parseConfigText(`storage: { path: ':memory:' }
targets:
  - { name: ups-a1, kind: snmp, address: "${sim}", interval: 1h, options: { community: ups/eaton-93e-80 }, labels: { site: 主机房, room: A101 } }
  - { name: access-sw3, kind: snmp, address: "${sim}", interval: 1h, options: { community: network/cisco-c3560 }, labels: { site: 主机房, rack: R07 } }
  - { name: nas-1, kind: snmp, address: "${sim}", interval: 1h, options: { community: storage/netapp-fas3270 }, labels: { site: 灾备机房 } }
  - name: app-server-1
    kind: snmp
    address: 127.0.0.1:${inject('snmpd').port}
    interval: 1h
    options: { version: "3", v3: { username: upsuser, auth_protocol: sha, auth_key: authpass123, priv_protocol: aes, priv_key: privpass123 } }
    labels: { site: 主机房, service: 政务服务网 }
`, { file: 'snmp-daemon.yaml', baseDir: process.cwd() }));
  await app.start();
  for (const name of ['ups-a1', 'access-sw3', 'nas-1', 'app-server-1']) {
    const outcome = await app.scheduler.pollNow(name);
    if (!outcome?.ok) throw new Error(`${name}: ${outcome?.error?.message ?? 'not polled'}`);
  }
}, 60_000);
afterAll(async () => app?.stop());

describe('a daemon polling UPS, switch, storage (v2c) and server (v3)', () => {
  it('serves every device\'s normalised series on /metrics with the recorded values', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/metrics' });
    const text = res.body;
    // 1.3.6.1.2.1.33.1.2.4.0|2|100 and 1.3.6.1.2.1.33.1.4.4.1.5.1|2|21
    expect(text).toMatch(/^slaguard_ups_battery_charge_ratio\{target="ups-a1",site="主机房",room="A101"\} 1$/m);
    expect(text).toMatch(/^slaguard_ups_output_load_ratio\{line="1",target="ups-a1",site="主机房",room="A101"\} 0\.21$/m);
    expect(text).toMatch(/^slaguard_ups_on_battery\{target="ups-a1",site="主机房",room="A101"\} 0$/m);
    // 1.3.6.1.2.1.31.1.1.1.1.10149 = Gi0/49, ifHighSpeed 1000, ifOperStatus 1
    expect(text).toMatch(/^slaguard_interface_speed_bytes_per_second\{if_index="10149",if_name="Gi0\/49",(if_alias="[^"]*",)?target="access-sw3",site="主机房",rack="R07"\} 125000000$/m);
    expect(text).toMatch(/^slaguard_interface_oper_up\{if_index="10149",if_name="Gi0\/49",(if_alias="[^"]*",)?target="access-sw3",site="主机房",rack="R07"\} 1$/m);
    // 1.3.6.1.4.1.789.1.2.1.3.0|2|22 (cpuBusyTimePerCent)
    expect(text).toMatch(/^slaguard_device_cpu_utilisation_ratio\{cpu="total",target="nas-1",site="灾备机房"\} 0\.22$/m);
    expect(text).toMatch(/^slaguard_device_info\{class="storage",.*target="nas-1"/m);
    expect(text).toMatch(/^slaguard_device_info\{class="server",.*sys_name="slaguard-test-snmpd".*target="app-server-1",site="主机房",service="政务服务网"\} 1$/m);
    expect(text).toMatch(/^slaguard_device_storage_size_bytes\{hr_storage_index="\d+",storage="\/",target="app-server-1",.*\} [1-9]\d+$/m);
    for (const target of ['ups-a1', 'access-sw3', 'nas-1', 'app-server-1']) {
      expect(text).toMatch(new RegExp(`^slaguard_target_up\\{kind="snmp",target="${target}".*\\} 1$`, 'm'));
    }
  });

  it('shows each device class on the status page, with the UPS\'s charge', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/?lang=en' });
    expect(res.body).toMatch(/data-target="ups-a1"[\s\S]*?On battery <b>no<\/b>[\s\S]*?Charge <b>100\.0%<\/b>/);
    const zh = await app.server.inject({ method: 'GET', url: '/?lang=zh-CN' });
    expect(zh.body).toMatch(/data-target="ups-a1"[\s\S]*?电池供电 <b>否<\/b>/);
  });
});

import { createSnmpCollector } from '../collectors/snmp/index.ts';
import { snmpOptionsSchema } from '../collectors/snmp/options.ts';
import { createPrometheusExporter } from '../src/exporters/prometheus.ts';
import { silentLogger } from '../src/log.ts';
import { SeriesStore } from '../src/state/series-store.ts';
const collector = createSnmpCollector();
const store = new SeriesStore();
const prom = createPrometheusExporter(store, { version: 'bench', logger: silentLogger() });
const t = { name: 'x', kind: 'snmp', address: '127.0.0.1:11161', options: snmpOptionsSchema.parse({ profiles: ['system', 'if-mib', 'host-resources'] }), intervalMs: 60000, timeoutMs: 30000, labels: {} };
await collector.collect(t, AbortSignal.timeout(10000));
const c0 = process.cpuUsage(); let n = 0;
for (let i = 0; i < 1000; i++) { const s = await collector.collect(t, AbortSignal.timeout(10000)); n = s.length; store.replace('t/x', { target: 'x' }, s); await prom.render(); }
const c = process.cpuUsage(c0); console.log('samples', n, 'cpu ms per poll', ((c.user + c.system) / 1000 / 1000).toFixed(2));
process.exit(0);

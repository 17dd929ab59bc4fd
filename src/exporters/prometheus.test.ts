import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { SeriesStore } from '../state/series-store.ts';
import { createPrometheusExporter, SERIES_PER_TURN } from './prometheus.ts';

/** Other work wanting a turn of the event loop at every turn (as /healthz requests would); counts the turns it got. */
function otherWork() {
  let running = true;
  const work = {
    turns: 0,
    stop: () => { running = false; },
  };
  const turn = () => {
    work.turns++;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  return work;
}

/** The lines of one family in an exposition. */
const familyLines = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(name) || l.endsWith(` ${name} gauge`) || l.includes(`# HELP ${name} `));

describe('exposition of store series', () => {
  it('is what prom-client writes for the same series, escaping included', async () => {
    const labels = [
      { if_name: 'GE1/0/1', if_alias: 'uplink to "core" \\ A' },
      { if_name: 'GE1/0/2', if_alias: '两行\n描述' },
      { if_name: 'GE1/0/3', if_alias: '' },
    ];
    const values = [1.5, Number.NaN, Number.POSITIVE_INFINITY];
    const store = new SeriesStore();
    const exporter = createPrometheusExporter(store, { version: 'test', logger: silentLogger() });
    store.replace('t/sw1', { target: 'sw1', site: '主机房' }, labels.map((l, i) => ({ name: 'test_metric', labels: l, value: values[i]!, ts: 0, kind: 'gauge' })));

    const bare = new client.Registry();
    const gauge = new client.Gauge({ name: 'test_metric', help: 'test_metric', labelNames: ['if_name', 'if_alias', 'target', 'site'], registers: [bare] });
    labels.forEach((l, i) => gauge.set({ ...l, target: 'sw1', site: '主机房' }, values[i]!));

    const ours = familyLines(await exporter.render(), 'test_metric');
    expect(ours).toHaveLength(5);
    // one deliberate difference: prom-client 15 writes NaN as "Nan"; the format's spelling is "NaN"
    expect(ours).toEqual(familyLines(await bare.metrics(), 'test_metric').map((l) => l.replace(/ Nan$/, ' NaN')));
  });

  it('follows a value change on the next scrape (the label text is kept, the value is not)', async () => {
    const store = new SeriesStore();
    const exporter = createPrometheusExporter(store, { version: 'test', logger: silentLogger() });
    store.replace('t/a', { target: 'a' }, [{ name: 'm', labels: {}, value: 1, ts: 0, kind: 'gauge' }]);
    expect(await exporter.render()).toMatch(/^m\{target="a"\} 1$/m);
    store.replace('t/a', { target: 'a' }, [{ name: 'm', labels: {}, value: 2, ts: 0, kind: 'gauge' }]);
    expect(await exporter.render()).toMatch(/^m\{target="a"\} 2$/m);
  });

  it('a scrape gives other work (a /healthz request) a turn between families', async () => {
    const store = new SeriesStore();
    const exporter = createPrometheusExporter(store, { version: 'test', logger: silentLogger() });
    for (let f = 0; f < 40; f++) store.replace(`t/${f}`, { target: `t${f}` }, [{ name: `family_${f}`, labels: {}, value: f, ts: 0, kind: 'gauge' }]);
    const other = otherWork();
    const text = await exporter.render();
    other.stop();
    expect(text).toMatch(/^family_39\{target="t39"\} 39$/m);
    expect(other.turns).toBeGreaterThanOrEqual(40);
  });

  it('streamed in pieces, a scrape gives the same text as a whole one, a family larger than one turn split across turns', async () => {
    const store = new SeriesStore();
    const exporter = createPrometheusExporter(store, { version: 'test', logger: silentLogger() });
    const big = 2 * SERIES_PER_TURN + 7;
    store.replace('t/big', { target: 'big' }, Array.from({ length: big }, (_, i) => ({ name: 'if_octets', labels: { if_index: String(i) }, value: i, ts: 0, kind: 'gauge' as const })));
    store.replace('t/even', { target: 'even' }, Array.from({ length: SERIES_PER_TURN }, (_, i) => ({ name: 'even_family', labels: { n: String(i) }, value: i, ts: 0, kind: 'gauge' as const })));
    store.replace('t/small', { target: 'small' }, [{ name: 'small_family', labels: {}, value: 1, ts: 0, kind: 'gauge' }]);
    const other = otherWork();
    const pieces: string[] = [];
    const turnsAtBig: number[] = [];
    for await (const piece of exporter.chunks()) {
      pieces.push(piece);
      if (piece.includes('if_octets{')) turnsAtBig.push(other.turns);
    }
    other.stop();
    const whole = await exporter.registry.metrics(); // prom-client joining every family at once
    // the daemon's own families (CPU, memory, active handles) move between two scrapes; the store's are the same text
    const steady = (text: string) => text.split('\n').filter((l) => !l.includes('slaguard_')).join('\n');
    expect(steady(pieces.join(''))).toBe(steady(whole));
    expect(pieces.join('').endsWith('\n')).toBe(true);
    expect(whole.split('\n').filter((l) => l.startsWith('if_octets{'))).toHaveLength(big);
    // the big family in three pieces, other work running between them
    expect(turnsAtBig).toHaveLength(3);
    expect(turnsAtBig[1]!).toBeGreaterThan(turnsAtBig[0]!);
    expect(turnsAtBig[2]!).toBeGreaterThan(turnsAtBig[1]!);
  });
});

describe('slaguard\'s own process metrics', () => {
  const family = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name} `) || l.startsWith(`# HELP ${name} `) || l.startsWith(`# TYPE ${name} `));
  const value = (text: string, name: string) => Number(family(text, name).find((l) => l.startsWith(`${name} `))?.split(' ')[1]);

  it('memory and heap: the names, help and types prom-client gives, with values a direct reading confirms', async () => {
    const exporter = createPrometheusExporter(new SeriesStore(), { version: 'test', logger: silentLogger() });
    const bare = new client.Registry();
    client.collectDefaultMetrics({ register: bare, prefix: 'slaguard_' });
    const [ours, theirs] = [await exporter.render(), await bare.metrics()];
    const status = await import('node:fs').then((fs) => fs.readFileSync('/proc/self/status', 'utf8'));
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)![1]) * 1024;
    const names = ['process_resident_memory_bytes', 'process_virtual_memory_bytes', 'process_heap_bytes', 'nodejs_heap_size_total_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_external_memory_bytes'].map((n) => `slaguard_${n}`);
    for (const name of names) {
      expect(family(ours, name).slice(0, 2)).toEqual(family(theirs, name).slice(0, 2));
      expect(value(ours, name), name).toBeGreaterThan(0);
      expect(value(ours, name) / value(theirs, name), name).toBeGreaterThan(0.8);
      expect(value(ours, name) / value(theirs, name), name).toBeLessThan(1.25);
    }
    expect(value(ours, 'slaguard_process_virtual_memory_bytes') / kib('VmSize')).toBeCloseTo(1, 2);
    expect(value(ours, 'slaguard_process_heap_bytes') / kib('VmData')).toBeCloseTo(1, 1);
  });
});

import { describe, expect, it } from 'vitest';
import type { Sample } from '../collector/types.ts';
import { compileMatchers } from './matchers.ts';
import { SeriesStore } from './series-store.ts';

const g = (name: string, value: number, labels: Record<string, string> = {}): Sample => ({ name, labels, value, ts: 1000, kind: 'gauge' });
const values = (store: SeriesStore, name: string) =>
  [...(store.families.get(name)?.entries ?? [])].map((e) => ({ ...e.sharedLabels, ...e.labels, value: e.value }));

describe('SeriesStore', () => {
  it('puts the owner\'s labels on every series and keeps the latest value', () => {
    const store = new SeriesStore();
    store.replace('t/a', { target: 'a', site: 'A' }, [g('m', 1, { cpu: '0' }), g('m', 2, { cpu: '1' })]);
    store.replace('t/a', { target: 'a', site: 'A' }, [g('m', 3, { cpu: '0' }), g('m', 4, { cpu: '1' })]);
    expect(values(store, 'm')).toEqual([
      { target: 'a', site: 'A', cpu: '0', value: 3 },
      { target: 'a', site: 'A', cpu: '1', value: 4 },
    ]);
  });

  it('drops a series the owner stopped reporting, and all of them when a poll returns nothing', () => {
    const store = new SeriesStore();
    store.replace('t/a', { target: 'a' }, [g('m', 1, { if: 'eth0' }), g('m', 2, { if: 'eth1' })]);
    store.replace('t/a', { target: 'a' }, [g('m', 5, { if: 'eth1' })]);
    expect(values(store, 'm')).toEqual([{ target: 'a', if: 'eth1', value: 5 }]);
    store.replace('t/a', { target: 'a' }, []);
    expect(values(store, 'm')).toEqual([]);
  });

  it('keeps owners apart, and drop() removes only that owner', () => {
    const store = new SeriesStore();
    store.replace('t/a', { target: 'a' }, [g('m', 1)]);
    store.replace('t/b', { target: 'b' }, [g('m', 2)]);
    store.drop('t/a');
    expect(values(store, 'm')).toEqual([{ target: 'b', value: 2 }]);
  });

  it('never lets a sample label hide a target label: it is kept as exported_<name>', () => {
    const store = new SeriesStore();
    store.replace('t/a', { target: 'a', site: 'HQ' }, [g('m', 1, { site: 'device-says' })]);
    expect(values(store, 'm')).toEqual([{ target: 'a', site: 'HQ', exported_site: 'device-says', value: 1 }]);
  });

  it('a duplicate sample in one poll does not keep a stale series alive', () => {
    const store = new SeriesStore();
    store.replace('t/a', { target: 'a' }, [g('m', 1, { k: 'x' }), g('m', 2, { k: 'y' })]);
    store.replace('t/a', { target: 'a' }, [g('m', 3, { k: 'x' }), g('m', 4, { k: 'x' })]);
    expect(values(store, 'm')).toEqual([{ target: 'a', k: 'x', value: 4 }]);
  });

  it('follows series that change places between polls', () => {
    const store = new SeriesStore();
    store.replace('t/a', { target: 'a' }, [g('m', 1, { k: 'x' }), g('m', 2, { k: 'y' }), g('n', 3)]);
    store.replace('t/a', { target: 'a' }, [g('n', 30), g('m', 20, { k: 'y' }), g('m', 10, { k: 'x' })]);
    expect(values(store, 'm')).toEqual([{ target: 'a', k: 'x', value: 10 }, { target: 'a', k: 'y', value: 20 }]);
    expect(values(store, 'n')).toEqual([{ target: 'a', value: 30 }]);
    expect(store.seriesOf('t/a')).toHaveLength(3);
  });

  it('a series missing from one poll and back in the next, a new one in between: every value lands on its own series', () => {
    const store = new SeriesStore();
    const poll = (...samples: Sample[]) => store.replace('t/a', { target: 'a' }, samples);
    poll(g('m', 1, { k: 'x' }), g('u', 2, { k: 'x' }), g('m', 3, { k: 'y' }), g('u', 4, { k: 'y' }));
    poll(g('m', 10, { k: 'x' }), g('m', 30, { k: 'y' }), g('u', 40, { k: 'y' }));
    expect(values(store, 'u')).toEqual([{ target: 'a', k: 'y', value: 40 }]);
    poll(g('m', 100, { k: 'x' }), g('u', 200, { k: 'x' }), g('n', 5), g('m', 300, { k: 'y' }), g('u', 400, { k: 'y' }));
    expect(values(store, 'm')).toEqual([{ target: 'a', k: 'x', value: 100 }, { target: 'a', k: 'y', value: 300 }]);
    expect(values(store, 'u').sort((a, b) => a.value - b.value)).toEqual([{ target: 'a', k: 'x', value: 200 }, { target: 'a', k: 'y', value: 400 }]);
    poll(g('m', 1000, { k: 'x' }), g('m', 3000, { k: 'y' }), g('u', 4000, { k: 'y' }));
    expect(values(store, 'n')).toEqual([]);
    expect(values(store, 'u')).toEqual([{ target: 'a', k: 'y', value: 4000 }]);
    expect(store.seriesOf('t/a').map((s) => s.value)).toEqual([1000, 3000, 4000]);
  });

  it('rebuilds an owner\'s series when its labels change on reload', () => {
    const store = new SeriesStore();
    store.replace('t/a', { target: 'a', site: 'old' }, [g('m', 1)]);
    store.replace('t/a', { target: 'a', site: 'new' }, [g('m', 2)]);
    expect(values(store, 'm')).toEqual([{ target: 'a', site: 'new', value: 2 }]);
  });
});

describe('SeriesStore.query', () => {
  it('finds series by metric name and label matchers, with the target labels merged in', () => {
    const store = new SeriesStore();
    const s = (name: string, labels: Record<string, string>, value: number) => ({ name, labels, value, ts: 1, kind: 'gauge' as const });
    store.replace('t/ups1', { target: 'ups1', site: 'A' }, [s('slaguard_ups_battery_charge_ratio', {}, 0.9)]);
    store.replace('t/ups2', { target: 'ups2', site: 'B' }, [s('slaguard_ups_battery_charge_ratio', {}, 0.2)]);
    store.replace('t/sw1', { target: 'sw1', site: 'A' }, [s('slaguard_interface_up', { interface: 'ge0' }, 1), s('slaguard_interface_up', { interface: 'ge1' }, 0)]);
    const charge = (m: Parameters<typeof compileMatchers>[0]) => store.query('slaguard_ups_battery_charge_ratio', compileMatchers(m)).map((v) => v.labels.target).sort();
    expect(charge([])).toEqual(['ups1', 'ups2']);
    expect(charge([{ label: 'site', op: '=', value: 'A' }])).toEqual(['ups1']);
    expect(charge([{ label: 'site', op: '!=', value: 'A' }])).toEqual(['ups2']);
    expect(charge([{ label: 'target', op: '=~', value: 'ups[12]' }])).toEqual(['ups1', 'ups2']);
    expect(charge([{ label: 'target', op: '=~', value: 'ups' }])).toEqual([]);
    expect(charge([{ label: 'target', op: '!~', value: 'ups1|x' }])).toEqual(['ups2']);
    expect(store.query('slaguard_interface_up', compileMatchers([{ label: 'interface', op: '=', value: 'ge1' }]))).toEqual([
      { name: 'slaguard_interface_up', labels: { target: 'sw1', site: 'A', interface: 'ge1' }, value: 0, ts: 1 },
    ]);
    store.drop('t/sw1');
    expect(store.query('slaguard_interface_up')).toEqual([]);
    expect(store.query('no_such_metric')).toEqual([]);
  });
});

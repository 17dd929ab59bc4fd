import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueHeap } from './due-heap.ts';

type Op = { kind: 'set'; key: number; at: number } | { kind: 'delete'; key: number } | { kind: 'pop'; now: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 30 }), at: fc.integer({ min: 0, max: 1000 }) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('pop' as const), now: fc.integer({ min: 0, max: 1000 }) }),
);

describe('DueHeap', () => {
  it('pops what is due, earliest first, and peeks the next time, like a sorted list would', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const heap = new DueHeap<number>();
      const model = new Map<number, number>();
      for (const o of ops) {
        if (o.kind === 'set') {
          heap.set(o.key, o.at);
          model.set(o.key, o.at);
        } else if (o.kind === 'delete') {
          heap.delete(o.key);
          model.delete(o.key);
        } else {
          const popped = heap.popDue(o.now);
          const due = [...model].filter(([, at]) => at <= o.now);
          expect(popped.map((k) => model.get(k))).toEqual(due.map(([, at]) => at).sort((a, b) => a - b));
          expect(new Set(popped)).toEqual(new Set(due.map(([k]) => k)));
          for (const k of popped) model.delete(k);
        }
        expect(heap.size).toBe(model.size);
        expect(heap.peek()).toBe(model.size === 0 ? undefined : Math.min(...model.values()));
      }
    }), { numRuns: 300 });
  });

  it('a key moved later is not due at its old time; one moved earlier is', () => {
    const heap = new DueHeap<string>();
    heap.set('a', 10);
    heap.set('b', 20);
    heap.set('a', 30);
    heap.set('b', 5);
    expect(heap.popDue(25)).toEqual(['b']);
    expect(heap.peek()).toBe(30);
    expect(heap.popDue(30)).toEqual(['a']);
    expect(heap.peek()).toBeUndefined();
  });

  it('keeps its storage near the live keys when the same keys move again and again', () => {
    const heap = new DueHeap<number>();
    for (let round = 0; round < 50; round++) for (let k = 0; k < 100; k++) heap.set(k, round * 1000 + k);
    expect(heap.size).toBe(100);
    expect((heap as unknown as { heap: unknown[] }).heap.length).toBeLessThanOrEqual(200);
    expect(heap.popDue(49_000 + 99)).toHaveLength(100);
  });
});

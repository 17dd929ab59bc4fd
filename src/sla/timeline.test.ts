import { describe, expect, it } from 'vitest';
import { availabilityOf, percentDown } from './arithmetic.ts';
import { classify, type StatusPoint } from './timeline.ts';

const H = 3600;

describe('the four-state timeline', () => {
  it('monthly quota: window time beyond it counts as observed', () => {
    const statuses: StatusPoint[] = [{ at: 0, state: 'up', reason: '' }, { at: 5 * H, state: 'down', reason: 'x' }];
    const r = classify({ window: [0, 10 * H], scheduled: [[0, 10 * H]], statuses, maintenance: [[2 * H, 4 * H], [3 * H, 7 * H]], minOutage: 0, quota: 3 * H });
    // windows united: 2h-7h (5 h); the first 3 h (2h-5h) are maintenance; 5h-7h counts as observed (down)
    expect(r.totals).toEqual({ scheduled: 10 * H, maintenance: 3 * H, up: 2 * H, down: 5 * H, unknown: 0 });
    expect(r.outages).toEqual([{ start: 5 * H, end: 10 * H, seconds: 5 * H, counted: true, reason: 'x' }]);
  });

  it('no status before the window: unknown until the first one; outside service hours nothing counts', () => {
    const statuses: StatusPoint[] = [{ at: 2 * H, state: 'down', reason: 'x' }, { at: 2 * H + 30, state: 'up', reason: '' }];
    const r = classify({ window: [0, 24 * H], scheduled: [[H, 3 * H]], statuses, maintenance: [], minOutage: 60 });
    expect(r.totals).toEqual({ scheduled: 2 * H, maintenance: 0, up: H, down: 0, unknown: H });
    expect(r.outages).toEqual([{ start: 2 * H, end: 2 * H + 30, seconds: 30, counted: false, reason: 'x' }]);
  });

  it('nothing measurable: availability null, met, no credit; rounding is down, never up', () => {
    expect(availabilityOf({ scheduled: 100, up: 0, down: 0, maintenance: 40, unknown: 60 }, { unknown: 'exclude', availability: 99.9, credits: [{ below: 99.9, percent: 10 }] }))
      .toEqual({ availability: null, met: true, credit: 0 });
    expect(percentDown(2_675_719, 2_678_400)).toBe(99.899);
    expect(percentDown(2, 3)).toBe(66.666);
    expect(availabilityOf({ scheduled: 1000, up: 985, down: 15, maintenance: 0, unknown: 0 }, { unknown: 'exclude', availability: 99.9, credits: [{ below: 99.9, percent: 10 }, { below: 99.0, percent: 25 }] }))
      .toEqual({ availability: 98.5, met: false, credit: 25 });
  });
});

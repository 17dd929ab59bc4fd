import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { MissingCalendarYear, WorkCalendar } from './calendar.ts';

describe('CN calendar', () => {
  it.each(['2025', '2026'])('%s: every day agrees with the chinese-days package', (year) => {
    const calendar = new WorkCalendar();
    let day = new Date(`${year}-01-01T00:00:00Z`);
    let workdays = 0;
    while (day.getUTCFullYear() === Number(year)) {
      const date = day.toISOString().slice(0, 10);
      expect(calendar.isWorkday(date), date).toBe(chineseDays.isWorkday(date));
      if (calendar.isWorkday(date)) workdays++;
      day = new Date(day.getTime() + 86_400_000);
    }
    expect(workdays).toBe(248);
  });

  it('National Day 2026: 1-7 October off, Sunday 20 September and Saturday 10 October worked', () => {
    const c = new WorkCalendar();
    expect(['2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08', '2026-10-10', '2026-10-11', '2026-09-20'].map((d) => c.isWorkday(d)))
      .toEqual([true, false, false, true, true, false, true]);
  });

  it('config adds a year and overrides single days', () => {
    const c = new WorkCalendar({ years: { '2027': { holidays: ['2027-01-01'], workdays: ['2027-01-03'] } }, holidays: ['2026-12-31'], workdays: ['2026-10-07'] });
    expect([c.isWorkday('2027-01-01'), c.isWorkday('2027-01-03'), c.isWorkday('2027-01-04'), c.isWorkday('2026-12-31'), c.isWorkday('2026-10-07')])
      .toEqual([false, true, true, false, true]);
  });

  it('a year it does not have is an error naming it, not a weekday guess', () => {
    expect(() => new WorkCalendar().isWorkday('2027-03-01')).toThrow(MissingCalendarYear);
    expect(() => new WorkCalendar().isWorkday('2027-03-01')).toThrow(/no public-holiday calendar for 2027/);
  });
});

import { CN_CALENDAR } from './cn-calendar.ts';

/** The `calendar:` config section: whole years added or replaced, and single days overridden. */
export interface CalendarConfig {
  years: Record<string, { holidays: string[]; workdays: string[] }>;
  holidays: string[];
  workdays: string[];
}

/** Thrown when a workdays contract needs a year the calendar does not have. */
export class MissingCalendarYear extends Error {
  override readonly name = 'MissingCalendarYear';
  constructor(readonly year: number) {
    super(`no public-holiday calendar for ${year}: add calendar.years."${year}" (holidays and make-up workdays) to the config`);
  }
}

/**
 * Working days by the CN calendar: Monday to Friday, less statutory holidays, plus make-up
 * working days; `calendar:` replaces whole years and overrides single days.
 */
export class WorkCalendar {
  private readonly years = new Set<string>();
  private readonly off = new Set<string>();
  private readonly on = new Set<string>();

  constructor(config: CalendarConfig = { years: {}, holidays: [], workdays: [] }) {
    const all = { ...CN_CALENDAR, ...config.years };
    for (const [year, data] of Object.entries(all)) {
      this.years.add(year);
      for (const d of data.holidays) this.off.add(d);
      for (const d of data.workdays) this.on.add(d);
    }
    for (const d of config.holidays) { this.off.add(d); this.on.delete(d); }
    for (const d of config.workdays) { this.on.add(d); this.off.delete(d); }
  }

  /** Whether the calendar knows `year`. */
  hasYear(year: number): boolean {
    return this.years.has(String(year));
  }

  /** Whether a local date (YYYY-MM-DD) is a working day; throws MissingCalendarYear for an unknown year. */
  isWorkday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (!this.hasYear(year)) throw new MissingCalendarYear(year);
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }
}

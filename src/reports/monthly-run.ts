import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { systemClock, type Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import type { Outbox } from '../notify/types.ts';
import type { Lang, Localized } from '../text/lang.ts';
import { REPORT_TEXT } from '../text/reports.ts';

/** An agency as the monthly run needs it (from the `sla:` config). */
export interface ReportAgency {
  id: string;
  name: Localized;
  /** IANA zone; the run happens at `at` on the 1st in this zone. */
  timezone: string;
  /** E-mail addresses the reports go to. */
  contacts: readonly string[];
}

/** One file of an agency's monthly report, as the report generation returns it. */
export interface ReportFile {
  /** A plain file name such as `ggzy-2026-03.pdf` (no directory). */
  filename: string;
  content: string | Buffer;
  contentType: string;
}

/** Makes an agency's report files for a month (YYYY-MM); the same inputs must give the same bytes. */
export type GenerateReports = (agency: ReportAgency, month: string) => Promise<ReportFile[]>;

export interface MonthlyRunOptions {
  clock?: Clock;
  /** Read at every tick, so a config reload takes effect. */
  agencies: () => readonly ReportAgency[];
  generate: GenerateReports;
  outbox: Outbox;
  /** Reports go to `outDir/YYYY-MM/`. */
  outDir: string;
  /** Local time of day of the run on the 1st, "HH:MM". Default "02:00". */
  at?: string;
  lang?: Lang;
  /** The configured notify receiver that e-mails the agency's contacts. */
  receiver: string;
  /** A run missed while the daemon was down is made up at start when it was due less than this long ago. Default 7 days. */
  catchUpMs?: number;
  /** After a failed run, the next attempt comes this much later. Default 15 minutes. */
  retryMs?: number;
  logger?: Logger;
}

const MAX_SLEEP_MS = 6 * 3_600_000;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The latest run time (the 1st at `at`, in `zone`) not after `now`, and the month it reports on. */
export function lastDue(now: number, zone: string, at: string): { due: number; month: string } {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const local = DateTime.fromMillis(now, { zone });
  let due = DateTime.fromObject({ year: local.year, month: local.month, day: 1, hour, minute }, { zone });
  if (due.toMillis() > now) due = due.minus({ months: 1 });
  return { due: due.toMillis(), month: due.minus({ months: 1 }).toFormat('yyyy-MM') };
}

/** The next run time strictly after `now`. */
export function nextDue(now: number, zone: string, at: string): number {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const last = DateTime.fromMillis(lastDue(now, zone, at).due, { zone });
  return DateTime.fromObject({ year: last.year, month: last.month, day: 1, hour, minute }, { zone }).plus({ months: 1 }).toMillis();
}

/**
 * On the 1st of each month at 02:00 in each agency's zone, writes last month's reports to
 * `outDir/YYYY-MM/` and queues one e-mail with them attached (idempotency key `report:AGENCY:YYYY-MM`).
 * A rerun rewrites the same files and the outbox drops the second e-mail; a marker file records the
 * month as done so a restart does not even try again.
 */
export class MonthlyReportRun {
  private readonly clock: Clock;
  private readonly at: string;
  private readonly logger: Logger;
  private timer: unknown;
  private busy: Promise<void> = Promise.resolve();
  private stopped = true;
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly opts: MonthlyRunOptions) {
    this.clock = opts.clock ?? systemClock;
    this.at = opts.at ?? '02:00';
    this.logger = opts.logger ?? silentLogger();
  }

  /** Makes up a run missed within `catchUpMs`, then waits for the next 1st. */
  start(): void {
    this.stopped = false;
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Settles when the run in progress (if any) has finished. */
  whenIdle(): Promise<void> {
    return this.busy;
  }

  /** Whether an agency's month was written and queued. */
  isDone(agency: string, month: string): boolean {
    return existsSync(this.marker(agency, month));
  }

  /** Writes one agency's reports for a month and queues the e-mail; returns the paths written and whether the mail was new. */
  async runOnce(agency: ReportAgency, month: string): Promise<{ paths: string[]; enqueued: boolean }> {
    const files = await this.opts.generate(agency, month);
    const dir = join(this.opts.outDir, month);
    mkdirSync(dir, { recursive: true });
    const paths = files.map((f) => {
      if (!SAFE_NAME.test(f.filename)) throw new Error(`report file name "${f.filename}" is not a plain file name`);
      const path = join(dir, f.filename);
      writeFileSync(`${path}.tmp`, f.content);
      renameSync(`${path}.tmp`, path);
      return path;
    });
    const lang = this.opts.lang ?? 'zh-CN';
    const t = REPORT_TEXT[lang];
    const name = agency.name[lang] || agency.id;
    const enqueued = this.opts.outbox.enqueue({
      idempotencyKey: `report:${agency.id}:${month}`,
      receiver: this.opts.receiver,
      lang,
      title: t.mailSubject(name, month),
      text: t.mailBody(name, month, files.map((f) => f.filename).join(', ')),
      severity: 'info',
      attachments: files.map((f, i) => ({ filename: f.filename, path: paths[i]!, contentType: f.contentType })),
      to: [...agency.contacts],
      context: { kind: 'monthly-report', agency: agency.id, month },
    });
    writeFileSync(this.marker(agency.id, month), `${new Date(this.clock.now()).toISOString()}\n`);
    return { paths, enqueued };
  }

  private marker(agency: string, month: string): string {
    return join(this.opts.outDir, month, `.${agency}.done`);
  }

  private tick(): void {
    this.timer = undefined;
    this.busy = this.busy.then(() => this.runDue()).finally(() => this.schedule());
  }

  private async runDue(): Promise<void> {
    const now = this.clock.now();
    for (const agency of this.opts.agencies()) {
      if (this.stopped) return;
      const { due, month } = lastDue(now, agency.timezone, this.at);
      if (now - due > (this.opts.catchUpMs ?? 7 * 86_400_000)) continue;
      if (this.isDone(agency.id, month)) continue;
      const failed = this.failedAt.get(`${agency.id}:${month}`);
      if (failed !== undefined && now - failed < (this.opts.retryMs ?? 15 * 60_000)) continue;
      try {
        const { paths, enqueued } = await this.runOnce(agency, month);
        this.failedAt.delete(`${agency.id}:${month}`);
        this.logger.info({ agency: agency.id, month, files: paths.length, enqueued }, 'monthly report written');
      } catch (err) {
        this.failedAt.set(`${agency.id}:${month}`, now);
        this.logger.error({ err, agency: agency.id, month }, 'monthly report failed; trying again later');
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    let wake = now + MAX_SLEEP_MS;
    for (const a of this.opts.agencies()) wake = Math.min(wake, nextDue(now, a.timezone, this.at));
    for (const at of this.failedAt.values()) wake = Math.min(wake, at + (this.opts.retryMs ?? 15 * 60_000));
    this.timer = this.clock.setTimeout(() => this.tick(), Math.max(0, wake - now));
  }
}

import { dirname, join } from 'node:path';
import { z } from 'zod';
import { duration } from '../config/duration.ts';
import { resolveConfigPath } from '../config/secret.ts';

const FORMATS = ['json', 'html', 'pdf', 'csv'] as const;

/** The `reports:` section: where monthly reports go, the PDF's CJK font, the monthly run, the idle rule. */
export const reportsSchema = z.strictObject({
  /** Directory of `YYYY-MM/` report folders; default `reports/` beside the database (data/reports). */
  out_dir: z.string().min(1).transform(resolveConfigPath).optional(),
  /** A font covering Chinese for the PDF; found at run time (Debian fonts-wqy-microhei, zenhei, noto-cjk) when not given. */
  font_file: z.string().min(1).transform(resolveConfigPath).optional(),
  /** PostScript face name inside a .ttc collection, e.g. WenQuanYiMicroHei. */
  font_face: z.string().min(1).optional(),
  schedule: z
    .strictObject({
      /** Writes and e-mails last month's reports on the 1st of each month in each agency's time zone. */
      enabled: z.boolean().default(true),
      /** Local time of day of the monthly run. */
      at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected HH:MM, e.g. "02:00"' }).default('02:00'),
      formats: z.array(z.enum(FORMATS)).min(1).default([...FORMATS]),
      lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
      /** The configured receiver (notify `receivers:`) that e-mails reports to the agency's contacts. */
      receiver: z.string().min(1).default('agency-reports'),
    })
    .prefault({}),
  /** A server is idle over a month when its average CPU is below `cpu_average_below` and its peak below `cpu_peak_below` (percent). */
  idle: z
    .strictObject({ cpu_average_below: z.number().min(0).max(100).default(5), cpu_peak_below: z.number().min(0).max(100).default(20) })
    .prefault({}),
  /** How often the resource roll-up writes to the database. */
  rollup_flush: duration({ min: 1000 }).prefault('60s'),
});

/** The section after loading: paths absolute, the idle rule as ratios. */
export type ReportsConfig = ReturnType<typeof reportsOutput>;

/** Turns the parsed section into what the daemon uses; `storagePath` places the default out_dir. */
export function reportsOutput(r: z.output<typeof reportsSchema>, storagePath: string) {
  return {
    outDir: r.out_dir ?? (storagePath === ':memory:' ? resolveConfigPath(join('data', 'reports')) : join(dirname(storagePath), 'reports')),
    font: { file: r.font_file, face: r.font_face },
    schedule: r.schedule,
    idleRule: { cpu_average_below: r.idle.cpu_average_below / 100, cpu_peak_below: r.idle.cpu_peak_below / 100 },
    rollupFlushMs: r.rollup_flush,
  };
}

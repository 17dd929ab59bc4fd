import { randomBytes } from 'node:crypto';
import { compileMatchers, type LabelPredicate } from '../state/matchers.ts';
import type { Db } from '../store/db.ts';
import { occurrences, type MaintenanceSpec } from './maintenance-spec.ts';
import type { MaintenanceOccurrence } from './types.ts';

/** A stored maintenance window and who made or ended it. */
export interface StoredWindow {
  id: string;
  source: 'config' | 'api';
  spec: MaintenanceSpec;
  createdBy: string;
  createdAt: number;
  endedAt: number | null;
  endedBy: string | null;
}

interface Row { id: string; source: 'config' | 'api'; spec: string; created_by: string; created_at: number; ended_at: number | null; ended_by: string | null }

const fromRow = (r: Row): StoredWindow => ({
  id: r.id, source: r.source, spec: JSON.parse(r.spec) as MaintenanceSpec,
  createdBy: r.created_by, createdAt: r.created_at, endedAt: r.ended_at, endedBy: r.ended_by,
});

const DAY = 86_400_000;
/** How far ahead the next window boundary is looked for. */
const LOOKAHEAD_MS = 2 * DAY;

/** Maintenance windows in SQLite, expanded into occurrences for muting and for the SLA engine. */
export class MaintenanceStore {
  private windows = new Map<string, StoredWindow>();
  private readonly predicates = new Map<string, LabelPredicate>();
  private active: { at: number; list: MaintenanceOccurrence[] } | undefined;
  private readonly expanded = new Map<string, { from: number; to: number; list: Array<{ start: number; end: number }> }>();

  constructor(private readonly db: Db) {
    for (const r of db.prepare('SELECT * FROM maintenance_windows ORDER BY created_at, id').all() as Row[]) this.windows.set(r.id, fromRow(r));
  }

  /** Makes the config's windows current: new ones stored, changed ones updated, removed ones ended by "config". */
  syncConfig(specs: readonly MaintenanceSpec[], now: number): StoredWindow[] {
    const changed: StoredWindow[] = [];
    const ids = new Set<string>();
    this.db.transaction(() => {
      for (const spec of specs) {
        const id = spec.id!;
        ids.add(id);
        const old = this.windows.get(id);
        if (old === undefined) {
          this.db.prepare('INSERT INTO maintenance_windows (id, source, spec, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(id, 'config', JSON.stringify(spec), 'config', now);
        } else if (JSON.stringify(old.spec) !== JSON.stringify(spec) || (old.endedBy === 'config' && old.source === 'config')) {
          this.db.prepare('UPDATE maintenance_windows SET spec = ?, ended_at = NULL, ended_by = NULL WHERE id = ?').run(JSON.stringify(spec), id);
        } else continue;
        changed.push(this.reload(id));
      }
      for (const w of this.windows.values()) {
        if (w.source === 'config' && !ids.has(w.id) && w.endedAt === null) {
          this.db.prepare('UPDATE maintenance_windows SET ended_at = ?, ended_by = ? WHERE id = ?').run(now, 'config', w.id);
          changed.push(this.reload(w.id));
        }
      }
    })();
    return changed;
  }

  /** Stores a window made through the API; throws when the id is taken. */
  create(spec: MaintenanceSpec, by: string, now: number): StoredWindow {
    const id = spec.id ?? `MW-${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
    if (this.windows.has(id)) throw new Error(`maintenance window "${id}" exists already`);
    this.db.prepare('INSERT INTO maintenance_windows (id, source, spec, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(id, 'api', JSON.stringify({ ...spec, id }), by, now);
    return this.reload(id);
  }

  /** Ends a window now: the occurrence in progress stops and no later one happens. Undefined when unknown. */
  end(id: string, by: string, now: number): StoredWindow | undefined {
    const w = this.windows.get(id);
    if (w === undefined) return undefined;
    if (w.endedAt !== null) return w;
    this.db.prepare('UPDATE maintenance_windows SET ended_at = ?, ended_by = ? WHERE id = ?').run(now, by, id);
    return this.reload(id);
  }

  get(id: string): StoredWindow | undefined {
    return this.windows.get(id);
  }

  list(): StoredWindow[] {
    return [...this.windows.values()];
  }

  /** Occurrences overlapping [from, to], cut where a window was ended early; sorted by start. */
  between(from: number, to: number): MaintenanceOccurrence[] {
    const out: MaintenanceOccurrence[] = [];
    for (const w of this.windows.values()) {
      for (const o of this.spans(w, from, to)) {
        if (w.endedAt !== null && o.start >= w.endedAt) continue;
        const end = w.endedAt !== null ? Math.min(o.end, w.endedAt) : o.end;
        if (end <= from) continue;
        out.push({
          windowId: w.id, start: o.start, end, matchers: w.spec.matchers, ticket: w.spec.ticket, approvedBy: w.spec.approvedBy,
          announcedAt: w.spec.announcedAt, createdBy: w.createdBy, endedBy: w.endedAt !== null && w.endedAt < o.end ? w.endedBy : null,
        });
      }
    }
    return out.sort((a, b) => a.start - b.start || a.windowId.localeCompare(b.windowId));
  }

  /** Occurrences in progress at `now`. */
  activeAt(now: number): MaintenanceOccurrence[] {
    if (this.active?.at !== now) this.active = { at: now, list: this.between(now, now + 1).filter((o) => o.start <= now && o.end > now) };
    return this.active.list;
  }

  /** The occurrence in progress at `now` whose matchers match these labels, if any. */
  covering(labels: Readonly<Record<string, string>>, now: number): MaintenanceOccurrence | undefined {
    return this.activeAt(now).find((o) => this.predicate(o.windowId)(labels));
  }

  /** The next start or end of any occurrence after `now` (within two days), for a timer. */
  nextBoundary(now: number): number | undefined {
    let next: number | undefined;
    for (const o of this.between(now, now + LOOKAHEAD_MS)) {
      for (const t of [o.start, o.end]) if (t > now && (next === undefined || t < next)) next = t;
    }
    return next ?? (this.windows.size > 0 ? now + LOOKAHEAD_MS : undefined);
  }

  /** A window's occurrences overlapping [from, to], expanded a week at a time and kept (cron expansion with a time zone is slow). */
  private spans(w: StoredWindow, from: number, to: number): Array<{ start: number; end: number }> {
    let c = this.expanded.get(w.id);
    if (c === undefined || c.from > from || c.to < to) {
      const f = from - DAY;
      const t = Math.max(to, from + 8 * DAY);
      c = { from: f, to: t, list: occurrences(w.spec.schedule, w.spec.timeZone, f, t) };
      this.expanded.set(w.id, c);
    }
    return c.list.filter((o) => o.start < to && o.end > from);
  }

  private predicate(id: string): LabelPredicate {
    let p = this.predicates.get(id);
    if (p === undefined) {
      p = compileMatchers(this.windows.get(id)!.spec.matchers);
      this.predicates.set(id, p);
    }
    return p;
  }

  private reload(id: string): StoredWindow {
    const w = fromRow(this.db.prepare('SELECT * FROM maintenance_windows WHERE id = ?').get(id) as Row);
    this.windows.set(id, w);
    this.predicates.delete(id);
    this.expanded.delete(id);
    this.active = undefined;
    return w;
  }
}

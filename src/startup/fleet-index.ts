import type { Target } from '../collector/types.ts';
import type { FleetRow } from '../http/fleet-view.ts';
import type { StatusLedger } from '../store/status-ledger.ts';

const byName = (a: FleetRow, b: FleetRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The status page's view of a large fleet, kept instead of rebuilt per request: the rows of the
 * current targets in name order, each row's status kept current from the ledger's transitions,
 * and the targets by name. When the list of targets changes, the rows are updated in place:
 * only new names are sorted (and merged in), so a reload of 100,000 targets costs one pass, not a sort.
 */
export class FleetIndex {
  private of: readonly Target[] | undefined;
  private sorted: FleetRow[] = [];
  private rowByName = new Map<string, FleetRow>();
  private targetByName = new Map<string, Target>();

  constructor(private readonly ledger: StatusLedger, private readonly targets: () => readonly Target[]) {
    ledger.onChange((t) => {
      const row = this.rowByName.get(t.target);
      if (row !== undefined) row.status = t.status;
    });
  }

  /** Name, kind, site and status of every target, by name (the same array until names come or go). */
  rows(): readonly FleetRow[] {
    this.refresh();
    return this.sorted;
  }

  /** The current target of this name. */
  target(name: string): Target | undefined {
    this.refresh();
    return this.targetByName.get(name);
  }

  private refresh(): void {
    const targets = this.targets();
    if (targets === this.of) return;
    this.of = targets;
    const targetByName = new Map<string, Target>();
    const added: FleetRow[] = [];
    for (const t of targets) {
      targetByName.set(t.name, t);
      const site = t.labels.site ?? '';
      const row = this.rowByName.get(t.name);
      if (row === undefined) added.push({ name: t.name, kind: t.kind, site, status: this.ledger.statusOf(t.name)?.status ?? 'unknown' });
      else if (row.kind !== t.kind || row.site !== site) Object.assign(row, { kind: t.kind, site });
    }
    this.targetByName = targetByName;
    const kept = targets.length - added.length;
    if (added.length === 0 && kept === this.sorted.length) return;
    let still = this.sorted;
    if (kept !== this.sorted.length) {
      still = this.sorted.filter((r) => targetByName.has(r.name));
      for (const r of this.sorted) if (!targetByName.has(r.name)) this.rowByName.delete(r.name);
    }
    for (const r of added) this.rowByName.set(r.name, r);
    this.sorted = merge(still, added.sort(byName));
  }
}

/** Two arrays of rows in name order as one. */
function merge(a: FleetRow[], b: FleetRow[]): FleetRow[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: FleetRow[] = new Array<FleetRow>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byName(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

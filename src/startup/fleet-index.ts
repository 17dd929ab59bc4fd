import type { Target } from '../collector/types.ts';
import type { FleetRow } from '../http/fleet-view.ts';
import type { StatusLedger } from '../store/status-ledger.ts';

/**
 * The status page's view of a large fleet, kept instead of rebuilt per request: the rows of the
 * current targets in name order, each row's status kept current from the ledger's transitions,
 * and the targets by name. Rebuilt only when the list of targets changes.
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

  /** Name, kind, site and status of every target, by name (the same array until something changes). */
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
    this.targetByName = new Map(targets.map((t) => [t.name, t]));
    this.sorted = [...targets]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((t) => ({ name: t.name, kind: t.kind, site: t.labels.site ?? '', status: this.ledger.statusOf(t.name)?.status ?? 'unknown' }));
    this.rowByName = new Map(this.sorted.map((r) => [r.name, r]));
  }
}

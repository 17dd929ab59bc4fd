import { compileMatchers, type LabelPredicate } from '../state/matchers.ts';
import type { RouteInput } from './config.ts';

/** A routing-tree node with everything inherited filled in (Alertmanager semantics). */
export interface Route {
  /** Position in the tree: "0" for the root, "0.2.1" for the second child of its third child. */
  id: string;
  receiver: string;
  matches: LabelPredicate;
  /** Label names, or 'all' for `...`; an empty list puts every alert of the route in one group. */
  groupBy: string[] | 'all';
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  continue: boolean;
  routes: Route[];
}

/** Alertmanager's defaults for what the root leaves out. */
export const ROUTE_DEFAULTS = { groupWait: 30_000, groupInterval: 300_000, repeatInterval: 4 * 3_600_000 } as const;

/** Builds the tree from the config; undefined when there is no `alerting.route` (nothing is sent). */
export function buildRoutes(input: RouteInput | undefined): Route | undefined {
  if (input === undefined) return undefined;
  const build = (r: RouteInput, id: string, parent: Omit<Route, 'id' | 'matches' | 'continue' | 'routes'>): Route => {
    const groupBy = r.group_by === undefined ? parent.groupBy : r.group_by.includes('...') ? 'all' : r.group_by;
    const node: Route = {
      id,
      receiver: r.receiver ?? parent.receiver,
      matches: id === '0' ? () => true : compileMatchers(r.matchers ?? []),
      groupBy,
      groupWait: r.group_wait ?? parent.groupWait,
      groupInterval: r.group_interval ?? parent.groupInterval,
      repeatInterval: r.repeat_interval ?? parent.repeatInterval,
      continue: r.continue ?? false,
      routes: [],
    };
    node.routes = (r.routes ?? []).map((c, i) => build(c, `${id}.${i}`, node));
    return node;
  };
  return build(input, '0', { receiver: input.receiver ?? '', groupBy: [], ...ROUTE_DEFAULTS });
}

/** The routes an alert goes to: the deepest matching nodes, first match only unless a node says `continue`. */
export function matchRoutes(route: Route, labels: Readonly<Record<string, string>>): Route[] {
  if (!route.matches(labels)) return [];
  const all: Route[] = [];
  for (const child of route.routes) {
    const found = matchRoutes(child, labels);
    all.push(...found);
    if (found.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [route];
}

/** Finds a node by id. */
export function routeById(root: Route, id: string): Route | undefined {
  if (root.id === id) return root;
  for (const c of root.routes) {
    const found = routeById(c, id);
    if (found) return found;
  }
  return undefined;
}

/** The labels an alert is grouped by on a route. */
export function groupLabels(route: Route, labels: Readonly<Record<string, string>>): Record<string, string> {
  if (route.groupBy === 'all') return { ...labels };
  const out: Record<string, string> = {};
  for (const name of route.groupBy) if (labels[name] !== undefined) out[name] = labels[name];
  return out;
}

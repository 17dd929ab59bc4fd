import { hostsStorage } from './hosts-storage.ts';
import type { DashboardSpec } from './lib.ts';
import { network } from './network.ts';
import { nocOverview } from './noc-overview.ts';
import { powerEnvironment } from './power-environment.ts';
import { slaOperations } from './sla-operations.ts';
import { slaguardSelf } from './slaguard-self.ts';

/** Every dashboard slaguard ships, in the order Grafana lists them. */
export const DASHBOARDS: readonly DashboardSpec[] = [nocOverview, powerEnvironment, network, hostsStorage, slaOperations, slaguardSelf];

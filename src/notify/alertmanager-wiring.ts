import type { AlertView } from '../alerting/service.ts';
import type { Config } from '../config/schema.ts';
import type { Alert, AlertSource } from '../rules/types.ts';
import { toAlertPayload } from './alert-payload.ts';
import type { Notify } from './wire.ts';

/**
 * Connects the alerts to every configured Alertmanager: a firing alert is queued once (durably) and
 * re-posted while it fires; its resolution is queued once. Alerts that must not page are left out,
 * as for every other receiver: pending, suppressed by a firing parent, flapping, or in maintenance.
 */
export function wireAlertmanager(notify: Notify, source: AlertSource, alerting: { alertViews(): AlertView[]; alertView(alert: Alert): AlertView }, config: () => Config): void {
  const generatorURL = () => {
    const { host, port } = config().server.listen;
    return `${config().server.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  };
  const pages = (v: AlertView) => v.state === 'firing' && v.suppressedBy === undefined && !v.flapping && v.inMaintenance === null;
  notify.setActiveAlerts(() => alerting.alertViews().filter(pages).map((v) => toAlertPayload(v, { lang: 'zh-CN', generatorURL: generatorURL() })));
  source.onChange((alert, previous) => {
    if (alert.state === 'firing' && previous !== 'firing') {
      if (pages(alerting.alertView(alert))) notify.alertmanager.firing(toAlertPayload(alert, { lang: 'zh-CN', generatorURL: generatorURL() }));
    } else if (alert.state === 'resolved' && previous === 'firing') {
      notify.alertmanager.resolved(toAlertPayload(alert, { lang: 'zh-CN', generatorURL: generatorURL() }));
    }
  });
}

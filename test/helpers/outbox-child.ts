/**
 * A process that owns an outbox, for the crash test: `node --import tsx outbox-child.ts DB URL COUNT`
 * queues COUNT notifications (keys crash-0 … crash-N; queuing again after a restart is a no-op) to a
 * webhook at URL and delivers until killed.
 */
import { silentLogger } from '../../src/log.ts';
import { webhookChannel } from '../../src/notify/channels/webhook.ts';
import { NotificationOutbox } from '../../src/notify/outbox.ts';
import { openDb } from '../../src/store/db.ts';

const [dbPath, url, count] = process.argv.slice(2);
const db = openDb(dbPath!);
const channels = new Map([['hook', webhookChannel({ url: url!, secret: 'crash-secret', timeoutMs: 5000 })]]);
const outbox = new NotificationOutbox(db, { channels: () => channels, logger: silentLogger(), concurrency: 4, perReceiver: 4 });
for (let i = 0; i < Number(count); i++) {
  outbox.enqueue({ idempotencyKey: `crash-${i}`, receiver: 'hook', lang: 'zh-CN', title: `告警 ${i}`, text: 'UPS 市电中断' });
}
outbox.start();
process.stdout.write('started\n');
setInterval(() => undefined, 60_000);

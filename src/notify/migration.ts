/** Migration 6: the notification outbox (appended to src/store/migrations.ts). */
export const OUTBOX_MIGRATION = {
  version: 6,
  name: 'notification outbox (durable, at-least-once delivery with idempotency keys)',
  sql: `
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      idempotency_key TEXT NOT NULL UNIQUE,
      receiver TEXT NOT NULL,
      channel TEXT NOT NULL,
      message TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      next_attempt_at INTEGER NOT NULL,
      claimed_at INTEGER,
      finished_at INTEGER,
      last_error TEXT
    );
    CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
  `,
} as const;

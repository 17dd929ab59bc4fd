/** How long the outbox waits between attempts, and when it gives up. */
export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  initialMs: number;
  /** Cap on the delay between two attempts. */
  maxMs: number;
  /** A notification still undelivered this long after it was queued is marked `failed` (kept, listed, counted). */
  giveUpAfterMs: number;
}

/** 10 s, doubling, at most 10 min apart, for 24 h. */
export const DEFAULT_RETRY: RetryPolicy = { initialMs: 10_000, maxMs: 600_000, giveUpAfterMs: 86_400_000 };

/**
 * Delay before the next attempt after `attempts` failed ones: exponential, capped, with "equal jitter"
 * (half fixed, half random), so receivers coming back are not hit by every sender at once.
 * `random` returns [0, 1).
 */
export function backoffDelay(attempts: number, policy: RetryPolicy, random: () => number): number {
  const exp = policy.initialMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30);
  const capped = Math.min(policy.maxMs, exp);
  return Math.round(capped / 2 + random() * (capped / 2));
}

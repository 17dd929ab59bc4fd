const TWO_32 = 2n ** 32n;
const UPTIME_WRAP_TICKS = 2 ** 32;

interface Previous {
  raw: bigint;
  ts: number;
  rate: number | undefined;
}

/**
 * Turns raw device counters into rates, per target, without ever giving a negative or impossible
 * rate: a Counter32 wrap is unwrapped; a reboot (sysUpTime going back, but not its own wrap after
 * 497 days) or a 64-bit counter going back discards the delta; a rate above `maxPerSecond` is
 * discarded too. Discarded deltas are counted by reason. Time between polls is measured on the
 * agent's own clock (sysUpTime) when it gives one, so polling jitter does not skew rates.
 */
export class CounterTracker {
  private readonly previous = new Map<string, Previous>();
  private uptime: { ticks: number; wall: number } | undefined;
  /** Monotonic milliseconds: the agent's clock where known, else ours. */
  private clock = 0;
  readonly discarded = new Map<string, number>();

  /** Call once per poll before `rate()`, with sysUpTime in hundredths of a second when known. */
  beginPoll(uptimeTicks: number | undefined, wallNow: number): void {
    const last = this.uptime;
    const wallElapsed = last ? wallNow - last.wall : 0;
    if (uptimeTicks === undefined || last === undefined) {
      this.clock += Math.max(0, wallElapsed);
    } else if (uptimeTicks >= last.ticks) {
      this.clock += (uptimeTicks - last.ticks) * 10;
    } else {
      const slack = (wallElapsed / 10) * 1.5 + 100;
      const wrapped = last.ticks + slack >= UPTIME_WRAP_TICKS && uptimeTicks <= slack;
      if (wrapped) {
        this.clock += (uptimeTicks + UPTIME_WRAP_TICKS - last.ticks) * 10;
      } else {
        this.count('reboot', this.previous.size);
        this.previous.clear();
        this.clock += Math.max(1, wallElapsed);
      }
    }
    this.uptime = uptimeTicks === undefined ? { ticks: last?.ticks ?? 0, wall: wallNow } : { ticks: uptimeTicks, wall: wallNow };
  }

  /** Per-second rate since the previous poll, or undefined (first sight, or discarded). */
  rate(key: string, raw: bigint, bits: 32 | 64, maxPerSecond?: number): number | undefined {
    const now = this.clock;
    const prev = this.previous.get(key);
    // Polled again before the agent's clock moved: the last rate still stands.
    if (prev !== undefined && now === prev.ts && raw === prev.raw) return prev.rate;
    const entry: Previous = { raw, ts: now, rate: undefined };
    this.previous.set(key, entry);
    if (prev === undefined || now <= prev.ts) return undefined;
    let delta = raw - prev.raw;
    if (delta < 0n) {
      if (bits === 64) {
        this.count('reset');
        return undefined;
      }
      delta += TWO_32;
    }
    const perSecond = Number(delta) / ((now - prev.ts) / 1000);
    if (maxPerSecond !== undefined && maxPerSecond > 0 && perSecond > maxPerSecond * 1.05) {
      this.count('impossible');
      return undefined;
    }
    entry.rate = perSecond;
    return perSecond;
  }

  /** Forgets series not seen in this poll (removed interfaces). */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.previous.keys()) if (!keys.has(key)) this.previous.delete(key);
  }

  private count(reason: string, n = 1): void {
    if (n > 0) this.discarded.set(reason, (this.discarded.get(reason) ?? 0) + n);
  }
}

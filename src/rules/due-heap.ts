/**
 * Keys with a due time, earliest first: setting, moving or deleting a key and finding the earliest
 * are O(log n), so a burst of n changes costs O(n log n) however many keys wait. Superseded heap
 * entries are skipped when they reach the top (and compacted when they outnumber the live ones).
 */
export class DueHeap<K> {
  private readonly at = new Map<K, number>();
  private heap: Array<{ key: K; at: number }> = [];

  /** Keys waiting. */
  get size(): number {
    return this.at.size;
  }

  /** When `key` is due, if it waits. */
  get(key: K): number | undefined {
    return this.at.get(key);
  }

  /** Makes `key` due at `at` (replacing any earlier time for it). */
  set(key: K, at: number): void {
    if (this.at.get(key) === at) return;
    this.at.set(key, at);
    this.push({ key, at });
    if (this.heap.length > 64 && this.heap.length > 2 * this.at.size) this.compact();
  }

  delete(key: K): void {
    this.at.delete(key);
  }

  clear(): void {
    this.at.clear();
    this.heap = [];
  }

  /** The earliest due time, or undefined when nothing waits. */
  peek(): number | undefined {
    this.dropStale();
    return this.heap[0]?.at;
  }

  /** Removes and returns every key due at or before `now`, earliest first. */
  popDue(now: number): K[] {
    const out: K[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (top === undefined || top.at > now) return out;
      this.pop();
      this.at.delete(top.key);
      out.push(top.key);
    }
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.at.get(this.heap[0]!.key) !== this.heap[0]!.at) this.pop();
  }

  private compact(): void {
    this.heap = [];
    for (const [key, at] of this.at) this.push({ key, at });
  }

  private push(e: { key: K; at: number }): void {
    const h = this.heap;
    let i = h.push(e) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.at <= e.at) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = e;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r]!.at < h[l]!.at ? r : l;
      if (h[c]!.at >= last.at) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
}

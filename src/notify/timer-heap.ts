/** Anything with a due time. */
export interface Timed {
  readonly at: number;
}

/**
 * Binary min-heap by `at`. The scheduler never removes a timer that became useless (a conversation
 * woken early, a tenant timer moved forward): such stale entries stay and are skipped when they come up,
 * which is cheaper than finding them in the heap.
 */
export class TimerHeap<T extends Timed> {
  private readonly a: T[] = [];

  get size(): number {
    return this.a.length;
  }

  peek(): T | undefined {
    return this.a[0];
  }

  push(t: T): void {
    const a = this.a;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].at <= t.at) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = t;
  }

  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && a[r].at < a[l].at ? r : l;
      if (a[c].at >= last.at) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = last;
    return top;
  }

  clear(): void {
    this.a.length = 0;
  }
}

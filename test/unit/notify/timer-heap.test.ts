import assert from 'node:assert/strict';
import { TimerHeap } from '../../../src/notify/timer-heap.js';

describe('notify timer heap', () => {
  it('pops timers in time order, whatever the push order, with duplicates', () => {
    const heap = new TimerHeap<{ at: number; id: number }>();
    // a fixed pseudo-random order (LCG), so a failure is reproducible
    let x = 7;
    const ats: number[] = [];
    for (let i = 0; i < 500; i++) {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      ats.push(x % 1_000);
      heap.push({ at: x % 1_000, id: i });
    }
    assert.equal(heap.size, 500);
    const popped: number[] = [];
    for (let t = heap.pop(); t; t = heap.pop()) popped.push(t.at);
    assert.deepEqual(
      popped,
      [...ats].sort((a, b) => a - b),
    );
    assert.equal(heap.peek(), undefined);
  });

  it('peek shows the earliest; interleaved pushes and pops keep the order; clear empties it', () => {
    const heap = new TimerHeap<{ at: number }>();
    heap.push({ at: 30 });
    heap.push({ at: 10 });
    assert.equal(heap.peek()?.at, 10);
    assert.equal(heap.pop()?.at, 10);
    heap.push({ at: 20 });
    heap.push({ at: 40 });
    assert.deepEqual([heap.pop()?.at, heap.pop()?.at], [20, 30]);
    heap.clear();
    assert.equal(heap.size, 0);
    assert.equal(heap.pop(), undefined);
  });
});

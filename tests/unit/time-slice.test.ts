import { describe, expect, it } from 'vitest';
import { runInSlices } from '../../lib/time-slice.ts';

/** A clock that advances one millisecond per reading, and a scheduler that records each slice. */
function harness() {
  let t = 0;
  const slices: number[] = [];
  const queue: (() => void)[] = [];
  return {
    now: () => t++,
    schedule: (next: () => void) => queue.push(next),
    slices,
    drain() {
      while (queue.length) {
        slices.push(t);
        queue.shift()!();
      }
    },
  };
}

function* steps(n: number, log: number[]) {
  for (let i = 0; i < n; i++) {
    log.push(i);
    yield;
  }
}

describe('runInSlices', () => {
  it('hands the thread back between slices and finishes all the work', async () => {
    const h = harness();
    const log: number[] = [];
    const run = runInSlices(steps(100, log), { budgetMs: 10, now: h.now, schedule: h.schedule });
    h.drain();
    await run.done;
    expect(log).toHaveLength(100);
    expect(h.slices.length).toBeGreaterThan(5);
  });

  it('stops after the current step when cancelled', async () => {
    const h = harness();
    const log: number[] = [];
    const run = runInSlices(steps(100, log), { budgetMs: 10, now: h.now, schedule: h.schedule });
    run.cancel();
    h.drain();
    await run.done;
    expect(log.length).toBeLessThan(100);
  });

  it('rejects when the work throws', async () => {
    function* failing(): Generator<void> {
      yield;
      throw new Error('broken page');
    }
    const h = harness();
    const run = runInSlices(failing(), { budgetMs: 100, now: h.now, schedule: h.schedule });
    h.drain();
    await expect(run.done).rejects.toThrow('broken page');
  });
});

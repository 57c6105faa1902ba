/**
 * Runs long work in slices so that no main-thread task it causes lasts more than a few
 * milliseconds: the work is a generator that yields often, and each slice runs it until its
 * budget is spent, then hands the thread back to the page.
 */
export interface SliceOptions {
  /** Milliseconds of work per slice; well under the 50 ms that counts as a long task. */
  budgetMs: number;
  /** Clock; a parameter so tests and benchmarks can measure with their own. */
  now?: () => number;
  /** Schedules the next slice after the page has had its turn. */
  schedule?: (next: () => void) => void;
}

/** The Prioritized Task Scheduling API's `scheduler`, in the browsers that have it. */
export interface TaskScheduler {
  postTask(callback: () => void): Promise<unknown>;
}

const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;

/**
 * Yields to the event loop: the page's input, rendering and other tasks run before `next`. A
 * posted task where the browser can post one; elsewhere a message, which is not clamped like
 * nested timeouts. Not a message everywhere: each makes a new channel and sends through it, and
 * a long report's first pass yields about fifty times; posted tasks cost less (in Chromium, the
 * benchmark's 1 MB report was highlighted 4–10 ms sooner with a warm background).
 */
function yieldToPage(next: () => void): void {
  if (scheduler) {
    void scheduler.postTask(next);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    next();
  };
  channel.port2.postMessage(null);
}

/** Resolves in a task of its own, once the page has had its turn. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => yieldToPage(resolve));
}

/**
 * Drives `work` to completion in slices. Resolves when it is done; `cancel()` stops it after the
 * current step.
 */
export function runInSlices(
  work: Iterator<unknown>,
  { budgetMs, now = () => performance.now(), schedule = yieldToPage }: SliceOptions,
): { done: Promise<void>; cancel: () => void } {
  let cancelled = false;
  const done = new Promise<void>((resolve, reject) => {
    const slice = () => {
      if (cancelled) return resolve();
      const deadline = now() + budgetMs;
      try {
        while (now() < deadline) {
          if (cancelled || work.next().done) return resolve();
        }
      } catch (error) {
        return reject(error);
      }
      schedule(slice);
    };
    slice();
  });
  return { done, cancel: () => (cancelled = true) };
}

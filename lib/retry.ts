/**
 * Retries a request to the background until it is answered. The MV3 service worker may stop at
 * any moment, even between receiving a save and answering it; the message then fails or comes
 * back empty, and the save is sent again. Saves are idempotent (same annotation id), so a save
 * that did commit before the worker stopped is simply written again.
 */
export class Refused extends Error {
  override name = 'Refused';
}

export interface RetryOptions {
  /** Waits before each retry, in milliseconds; their count is the number of retries. */
  delays?: number[];
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `send` until it resolves. A `Refused` error (the background answered, and said no) is
 * final; any other failure is retried after the next delay.
 */
export async function untilAnswered<T>(
  send: () => Promise<T>,
  { delays = [100, 250, 500, 1000, 2000, 4000, 8000], sleep = wait }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (error instanceof Refused || attempt >= delays.length) throw error;
      await sleep(delays[attempt]!);
    }
  }
}

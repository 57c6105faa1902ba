import { describe, expect, it } from 'vitest';
import { Refused, untilAnswered } from '../../lib/retry.ts';

const noWait = async () => {};

describe('untilAnswered', () => {
  it('retries a request whose answer was lost until one comes', async () => {
    let calls = 0;
    const value = await untilAnswered(
      async () => {
        calls++;
        if (calls < 4) throw new Error('Could not establish connection. Receiving end does not exist.');
        return 'saved';
      },
      { sleep: noWait },
    );
    expect(value).toBe('saved');
    expect(calls).toBe(4);
  });

  it('does not retry a refusal', async () => {
    let calls = 0;
    const refused = untilAnswered(
      async () => {
        calls++;
        throw new Refused('quote.exact: too long');
      },
      { sleep: noWait },
    );
    await expect(refused).rejects.toThrow('quote.exact: too long');
    expect(calls).toBe(1);
  });

  it('gives up after its last delay with the last error', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = untilAnswered(
      async () => {
        calls++;
        throw new Error(`attempt ${calls}`);
      },
      { delays: [10, 20, 40], sleep: async (ms) => void waits.push(ms) },
    );
    await expect(failing).rejects.toThrow('attempt 4');
    expect(waits).toEqual([10, 20, 40]);
  });
});

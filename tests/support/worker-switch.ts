/**
 * Stopping the extension's service worker as Chromium does when it idles, and watching it start
 * again, through the DevTools protocol. `ServiceWorker.stopAllWorkers` on a session of any page
 * stops every worker of that page's storage partition, which is where the extension's worker
 * lives; `ServiceWorker.workerVersionUpdated` reports the worker's running status. (Playwright's
 * own `Worker` "close" event comes seconds late or not at all, so it cannot confirm a stop.)
 *
 * A worker is stopped only once its version is activated: stopped while a freshly launched
 * browser is still installing it, its version goes redundant and the extension has no worker
 * until the browser restarts (a CI run failed that way).
 */
import type { CDPSession, Page } from 'playwright-core';

type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

export class WorkerSwitch {
  /** Unknown until Chromium first reports it, right after `ServiceWorker.enable`. */
  private status: RunningStatus | undefined;
  /** Whether the worker's version has been activated, as Chromium last reported. */
  private activated = false;
  private waiters: (() => void)[] = [];
  /** How many times the worker started again while watched. */
  starts = 0;

  private constructor(private readonly cdp: CDPSession) {}

  static async on(page: Page, extensionId: string): Promise<WorkerSwitch> {
    const cdp = await page.context().newCDPSession(page);
    const worker = new WorkerSwitch(cdp);
    const script = `chrome-extension://${extensionId}/background.js`;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (version.scriptURL !== script) continue;
        const next = version.runningStatus as RunningStatus;
        if (next === 'running' && worker.status !== undefined && worker.status !== 'running') worker.starts += 1;
        worker.status = next;
        worker.activated = version.status === 'activated';
      }
      for (const wake of worker.waiters.splice(0)) wake();
    });
    await cdp.send('ServiceWorker.enable');
    return worker;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Resolves once `condition` holds, checked on every status change. */
  async until(condition: () => boolean, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`the service worker stayed ${this.status ?? 'unreported'}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Stops the worker, once activated, and waits until Chromium reports it stopped. */
  async stop(): Promise<void> {
    await this.until(() => this.activated);
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    await this.until(() => this.status === 'stopped');
  }
}

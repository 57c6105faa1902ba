/**
 * Where the engine's time goes, function by function: the engine runs on the benchmark page under
 * the DevTools protocol's sampling profiler, bundled unminified so that samples carry the lib's
 * own function names. Prints self time (time in the function's own code, native calls such as
 * `checkVisibility` apart) and, for the functions that make up the pipeline, inclusive time.
 * The profiler slows the run, so shares matter more than the absolute figures.
 */
import type { Browser } from 'playwright-core';
import { bundleEngine } from './bundle.ts';
import type { EngineRun } from './engine-entry.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Pipeline stages by the lib function that heads them, for inclusive times. */
const STAGES = ['scan', 'send', 'unpackJudgements', 'paint', 'checkVisibility', 'register'];

export interface EngineProfile {
  runs: number;
  /** Mean ms per run of samples in the run (idle excluded). */
  sampledMs: number;
  self: [string, number][];
  inclusive: [string, number][];
}

export async function profileEngine(browser: Browser, url: string, runs: number): Promise<EngineProfile> {
  const bundle = await bundleEngine({ minify: false });
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let sampledMs = 0;
  for (let r = 0; r < runs; r++) {
    const page = await browser.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
      await page.addScriptTag({ content: bundle });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.evaluate((): Promise<EngineRun> => window.inspectionLensBench.run());
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      const parent = new Map<number, ProfileNode>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
      profile.samples.forEach((id, i) => {
        const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        const node = byId.get(id)!;
        const name = node.callFrame.functionName || '(anonymous)';
        if (name === '(idle)') return;
        sampledMs += ms;
        self.set(name, (self.get(name) ?? 0) + ms);
        const stack = new Set<string>();
        for (let n: ProfileNode | undefined = node; n; n = parent.get(n.id)) stack.add(n.callFrame.functionName);
        for (const stage of STAGES) if (stack.has(stage)) inclusive.set(stage, (inclusive.get(stage) ?? 0) + ms);
      });
    } finally {
      await page.close();
    }
  }
  const perRun = (entries: Iterable<[string, number]>) => [...entries].map(([k, v]): [string, number] => [k, v / runs]);
  return {
    runs,
    sampledMs: sampledMs / runs,
    self: perRun(self).sort((a, b) => b[1] - a[1]),
    inclusive: perRun(STAGES.map((s) => [s, inclusive.get(s) ?? 0])),
  };
}

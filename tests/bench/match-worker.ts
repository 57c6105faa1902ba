/**
 * The benchmark's stand-in for the background's matching: a dedicated worker answering
 * `{ id, text }` with the packed judgements, as `serveContentScripts` answers `judgements/find`.
 * Like the service worker, it runs on a thread of its own, so the page's thread only sends the
 * text and paints what comes back, and it warms its matcher up as it starts, as the background
 * does. It can also be warmed further, as a background that has already matched a report.
 */
import { packJudgements } from '../../lib/found-judgements.ts';
import { findJudgements } from '../../lib/matcher.ts';
import { warmUpMatcher, warmUpSample } from '../../lib/matcher-warm-up.ts';

/** Runs of the warm-up sample that make about a report's worth of text: a megabyte. */
const REPORT_RUNS = 32;

void warmUpMatcher();

/**
 * `{ id, text }` is matched; `{ id, warm: true }` has the matcher read a report's worth of text
 * first, as a background that has matched a report before has done.
 */
self.onmessage = ({ data }: MessageEvent<{ id: number; text: string } | { id: number; warm: true }>) => {
  if ('warm' in data) {
    const sample = warmUpSample();
    for (let i = 0; i < REPORT_RUNS; i++) findJudgements(sample);
    self.postMessage({ id: data.id, found: [], ms: 0 });
    return;
  }
  const started = performance.now();
  const found = packJudgements(findJudgements(data.text));
  // How long matching took here, off the page's thread, for the bench to print beside it.
  self.postMessage({ id: data.id, found, ms: performance.now() - started });
};

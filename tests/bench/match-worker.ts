/**
 * The benchmark's stand-in for the background's matching: a dedicated worker answering
 * `{ id, text }` with the packed judgements, as `serveContentScripts` answers `judgements/find`.
 * Like the service worker, it runs on a thread of its own, so the page's thread only sends the
 * text and paints what comes back, and it warms its matcher up as it starts, as the background
 * does.
 */
import { packJudgements } from '../../lib/found-judgements.ts';
import { findJudgements } from '../../lib/matcher.ts';
import { warmUpMatcher } from '../../lib/matcher-warm-up.ts';

void warmUpMatcher();

self.onmessage = ({ data }: MessageEvent<{ id: number; text: string }>) => {
  const started = performance.now();
  const found = packJudgements(findJudgements(data.text));
  // How long matching took here, off the page's thread, for the bench to print beside it.
  self.postMessage({ id: data.id, found, ms: performance.now() - started });
};

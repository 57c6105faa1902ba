/**
 * `npm run bench`: what Inspection Lens costs a reader's browser on a long report, in real
 * Chromium, printed and never asserted (benchmarks vary with the machine; tests do not).
 * 1. the engine against a bare text walk (the floor) and mark.js, on a 1 MB report page;
 * 2. the real extension on that page as reports.ofsted.gov.uk: long tasks and heap, against
 *    the same page without it;
 * 3. the gzipped size of the content script every matched page loads;
 * 4. re-anchoring 1,000 saved annotations on that page against dom-anchor-text-quote, after an
 *    insertion near the top, and a passage edited by 10% found by approximate match;
 * 5. the side panel over 10,000 annotations on 300 pages: import, export, opening and filtering.
 * Ends with one table of every figure against its target. `node tests/bench/run.ts sidepanel`
 * (after `npm run build:e2e`) runs section 5 alone, with its own table.
 */
import { startPageServer } from '../support/server.ts';
import { benchAnchoring } from './anchoring.ts';
import { contentScriptSize } from './content-script-size.ts';
import { compareInPage } from './in-page.ts';
import { reportPage } from './report-page.ts';
import { reportSidePanel } from './sidepanel.ts';
import { fmt, ms, table, type Row } from './stats.ts';
import { measureExtension } from './with-extension.ts';

const REPETITIONS = 7;
const PROFILE_RUNS = 3;
const EXTENSION_LOADS = 3;
/** dom-anchor-text-quote's share of the annotations, each round: all of them would take minutes. */
const DAT_SAMPLE = 100;
/** Each side panel round imports an 8 MB file into an emptied store; a few rounds are enough. */
const SIDE_PANEL_RUNS = 3;

const log = (line: string) => console.log(line);
const mb = (x: number) => `${x.toFixed(2)} MB`;
const ratio = (x: number) => `${x.toFixed(1)}×`;
/** A summary row for a ratio that must be at most, or at least, its target. */
const atMost = (figure: string, x: number, limit: number): Row => ({ figure, value: ratio(x), target: `≤ ${limit}×`, met: x <= limit });
const atLeast = (figure: string, x: number, limit: number): Row => ({ figure, value: ratio(x), target: `≥ ${limit}×`, met: x >= limit });

const started = performance.now();
if (process.argv[2] === 'sidepanel') {
  log(`The side panel over a heavy store, ${SIDE_PANEL_RUNS} rounds (the real extension)`);
  log(table(await reportSidePanel(SIDE_PANEL_RUNS, log)));
  process.exit(0);
}
const page = await reportPage();
const server = await startPageServer();
try {
  server.set('/report', page.html);
  log(`Benchmark page: ${(page.html.length / 1e6).toFixed(2)} MB of HTML from the fixture reports`);

  log(`\n1. On the page, ${REPETITIONS} fresh loads each (plain Chromium, no extension)`);
  const p = await compareInPage(server.url('unlisted.example', '/report'), { repetitions: REPETITIONS, profileRuns: PROFILE_RUNS }, log);
  const cpu = p.engineCpu.median;
  const sendAndUnpack = p.engineSendAndUnpack.median;
  const share = (x: number) => `${ms(x)} (${((100 * x) / cpu).toFixed(0)}%)`;
  log(`  page text: ${p.textChars.toLocaleString('en-GB')} characters in ${p.textNodes.toLocaleString('en-GB')} text nodes`);
  log(`  floor (TreeWalker, text of every node):  ${fmt(p.floor)}`);
  log(`  engine, elapsed to end of first pass:    ${fmt(p.engineElapsed)}`);
  log(`  engine, CPU on the page's thread:        ${fmt(p.engineCpu)} (${p.engineSlices} tasks, longest ${fmt(p.engineLongestSlice)})`);
  log(`    of which painting the worker's answers:  ${fmt(p.enginePaint)}`);
  log(`  the same with a background that has served a report before (its matcher optimised):`);
  log(`    elapsed ${fmt(p.engineWarmElapsed)}; CPU on the page's thread ${fmt(p.engineWarmCpu)}`);
  log(`  the page's part alone, a background that finds nothing (reading and sending the text):`);
  log(`    elapsed ${fmt(p.readingElapsed)} (${ratio(p.readingElapsed.median / p.floor.median)} the floor); CPU ${fmt(p.readingCpu)}`);
  log(`  matching, in a worker standing in for the background: ${fmt(p.engineMatching)}`);
  log(`    (off the page's thread; on a machine with few cores it competes with the page's thread,`);
  log(`    which the CPU figure then includes)`);
  log(`  mark.js markRegExp, ${p.phrases} phrases:       ${fmt(p.mark)}`);
  log(`  mark.js mark(), phrase list, 1 run:     ${ms(p.markList.ms)} (${p.markList.marks} marks)`);
  log(`  matches: engine ${p.engineMatches}, mark.js ${p.markMatches} (mark.js lacks negation, false friends and bare grades)`);
  log(`  engine CPU breakdown (medians, background starting): ${ms(cpu)} =`);
  log(`    sending text to the matcher and unpacking its answers ${share(sendAndUnpack)}`);
  log(`    + walk, visibility, text assembly, painting and the rest ${share(cpu - sendAndUnpack)}`);
  const pr = p.profile;
  const of = (x: number) => `${x.toFixed(1).padStart(6)} ms ${((100 * x) / pr.sampledMs).toFixed(0).padStart(3)}%`;
  log(`  sampling profile (${pr.runs} runs, unminified, mean ${ms(pr.sampledMs)} sampled per run; the profiler slows it):`);
  log(`    inclusive: ${pr.inclusive.filter(([, v]) => v > 0).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
  for (const [name, v] of pr.self.slice(0, 14)) log(`    self ${of(v)}  ${name}`);

  log(`\n2. The extension on reports.ofsted.gov.uk, ${EXTENSION_LOADS} loads with and without it`);
  const e = await measureExtension(server.url('reports.ofsted.gov.uk', '/report'), EXTENSION_LOADS, log);
  log(`  ranges registered (near the viewport only, as the page has over a thousand): ${e.highlighted}; first pass ended ${fmt(e.finishedAfterDcl)} after DOMContentLoaded`);
  log(`  longest task running its code: ${fmt(e.ownLongest)}, worst ${ms(e.ownLongest.max)}; all its tasks: ${fmt(e.ownTotal)}`);
  log(`  longest knock-on task (rendering its highlights, collecting its garbage): ${fmt(e.knockOnLongest)},`);
  log(`    worst ${ms(e.knockOnLongest.max)} (${e.knockOnLongestStep}); all of them: ${fmt(e.knockOnTotal)}`);
  log(`  tasks over 50 ms while it works: ${e.longTasks} with it; ${e.baselineLongTasks} in the same stretch without it`);
  log(`  same stretch without it: longest task ${fmt(e.baselineLongest)}`);
  log(`  JS heap after GC: ${mb(e.jsHeap.median)} with, ${mb(e.baselineJsHeap.median)} without (medians)`);
  log(`  Blink (embedder) heap after GC: ${mb(e.embedderHeap.median)} with, ${mb(e.baselineEmbedderHeap.median)} without`);

  log('\n3. Content script');
  const size = contentScriptSize(log);
  log(`  .output/chrome-mv3/content-scripts/judgements.js: ${size.rawKb.toFixed(1)} KB, ${size.gzipKb.toFixed(1)} KB gzipped`);

  log(`\n4. Re-anchoring annotations, ${REPETITIONS} rounds of fresh loads (plain Chromium, no extension)`);
  const a = await benchAnchoring(server.url('unlisted.example', '/report'), { repetitions: REPETITIONS, datSample: DAT_SAMPLE }, log);
  const count = (n: number) => `${n.toLocaleString('en-GB')}/${a.annotations.toLocaleString('en-GB')}`;
  const found = (ok: boolean) => (ok ? 'found where edited' : 'NOT found where edited');
  log(`  ${a.annotations.toLocaleString('en-GB')} annotations of 20–400 characters over ${a.textChars.toLocaleString('en-GB')} characters of page text`);
  log(`  extension (readPageText once, anchorPassage + rangeFor each): ${fmt(a.extension)}; in place ${count(a.extensionInPlace)}`);
  log(`    medians: readPageText ${ms(a.parts.readMs)}, anchorPassage ×${a.annotations} ${ms(a.parts.anchorMs)}, rangeFor ×${a.annotations} ${ms(a.parts.rangeMs)}`);
  log(`  dom-anchor-text-quote toRange with the position hint: ${fmt(a.dat)} for ${a.annotations.toLocaleString('en-GB')},`);
  log(`    EXTRAPOLATED linearly (×${a.annotations / a.datSample}) from ${a.datSample} annotations spread over the page; in place ${a.datInPlace}/${a.datSample}`);
  log(`    without the hint (one round, extrapolated alike): ${ms(a.datNoHint.ms)}; in place ${a.datNoHint.inPlace}/${a.datSample}`);
  log('    (the page repeats its reports: with no hint, the copy of a passage nearest mid-page wins)');
  log(`  after a paragraph inserted near the top: ${fmt(a.moved)}; anchored ${count(a.movedAnchored)}, in place (moved past it) ${count(a.movedInPlace)}`);
  log(`  200-character passage, 10% changed in the page, anchorPassage alone: position right ${fmt(a.fuzzyNear)} (${found(a.fuzzyNearCorrect)});`);
  log(`    position stale ${fmt(a.fuzzyStale)} (${found(a.fuzzyStaleCorrect)})`);

  log(`\n5. The side panel over a heavy store, ${SIDE_PANEL_RUNS} rounds (the real extension)`);
  const sidePanelRows = await reportSidePanel(SIDE_PANEL_RUNS, log);

  const worstTask = Math.max(e.ownLongest.max, e.knockOnLongest.max);
  const heapGrowth = e.jsHeap.median - e.baselineJsHeap.median;
  const rows: Row[] = [
    atMost('engine / floor, elapsed (background starting)', p.engineElapsed.median / p.floor.median, 2.5),
    atMost('engine / floor, elapsed (background warm)', p.engineWarmElapsed.median / p.floor.median, 2.5),
    atMost('engine / floor, page-thread CPU (background starting)', p.engineCpu.median / p.floor.median, 2.5),
    atMost('engine / floor, page-thread CPU (background warm)', p.engineWarmCpu.median / p.floor.median, 2.5),
    atLeast('mark.js markRegExp / engine, elapsed (background starting)', p.mark.median / p.engineElapsed.median, 30),
    atLeast('mark.js markRegExp / engine, elapsed (background warm)', p.mark.median / p.engineWarmElapsed.median, 30),
    atLeast('mark.js markRegExp / engine, CPU', p.mark.median / p.engineCpu.median, 30),
    atLeast('mark.js mark(list) / engine, elapsed', p.markList.ms / p.engineElapsed.median, 30),
    { figure: 'longest task, extension code (worst load)', value: ms(e.ownLongest.max), target: '≤ 50 ms', met: e.ownLongest.max <= 50 },
    { figure: 'longest knock-on task (paint, GC)', value: ms(e.knockOnLongest.max), target: '≤ 50 ms', met: e.knockOnLongest.max <= 50 },
    { figure: 'longest task caused by the extension', value: ms(worstTask), target: '≤ 50 ms', met: worstTask <= 50 },
    { figure: 'JS heap growth (with − without)', value: mb(heapGrowth), target: '< 10 MB', met: heapGrowth < 10 },
    { figure: 'content script, gzipped', value: `${size.gzipKb.toFixed(1)} KB`, target: '≤ 30 KB', met: size.gzipKb <= 30 },
    { figure: 're-anchor 1,000 annotations, extension', value: ms(a.extension.median), target: '≤ 150 ms', met: a.extension.median <= 150 },
    atLeast(`dom-anchor-text-quote / extension (${a.datSample} extrapolated)`, a.dat.median / a.extension.median, 10),
    { figure: 'annotations in place, unchanged page', value: count(a.extensionInPlace), target: 'all', met: a.extensionInPlace === a.annotations },
    { figure: 'annotations in place after an insertion', value: count(a.movedInPlace), target: 'all', met: a.movedInPlace === a.annotations },
    { figure: 're-anchor 1,000 after an insertion', value: ms(a.moved.median), target: '≤ 150 ms', met: a.moved.median <= 150 },
    { figure: 'fuzzy 200 chars, 10% changed, hint right', value: ms(a.fuzzyNear.median), target: '< 50 ms, found', met: a.fuzzyNear.median < 50 && a.fuzzyNearCorrect },
    { figure: 'fuzzy 200 chars, 10% changed, hint stale', value: ms(a.fuzzyStale.median), target: '< 50 ms, found', met: a.fuzzyStale.median < 50 && a.fuzzyStaleCorrect },
    ...sidePanelRows,
  ];
  log(`\nSummary (floor ${ms(p.floor.median)}, engine ${ms(p.engineElapsed.median)} elapsed / ${ms(p.engineCpu.median)} CPU, mark.js ${ms(p.mark.median)};`);
  log(`  anchoring: extension ${ms(a.extension.median)}, dom-anchor-text-quote ${ms(a.dat.median)} extrapolated from ${a.datSample})`);
  log(table(rows));
  log(`\nBenchmark took ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await server.close();
}

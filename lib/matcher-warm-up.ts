/**
 * Runs the matcher over a sample of judgement language as soon as the background starts, so the
 * first page's text meets compiled code.
 *
 * Why: V8 runs a function slowly until it has seen it run hot, then compiles it. Cold, the
 * matcher takes 30–50 ms over the first megabyte a page sends (13–17 ms for the first 64K alone);
 * warm, about 13 ms. The background starts when a page's content script first asks it something,
 * and that page's text comes to be matched only later: the highlighter waits for the page to load
 * and paint, then reads a batch. Warming up in between takes the cold runs off the time a reader
 * waits for highlights.
 *
 * The sample is written from the lexicon, so every kind of match is exercised: each phrase in a
 * sentence, some negated, grades after their leads, false friends, lines and passage breaks. And
 * in the typography of real reports: curly quotes and apostrophes, dashes, non-breaking spaces,
 * bullets and letters beyond ASCII. V8 compiles a function for the kinds of input it has seen; on
 * plain ASCII alone, the first real report threw the compiled matcher away and compiled it again
 * (traced with --trace-deopt on the benchmark page), at the cost of the very runs warming up is
 * for. The sample is matched a few times, each in a task of its own, so a request that arrives
 * meanwhile waits for one run at most.
 */
import { lexicon } from './lexicon.ts';
import { expandPhrase, findJudgements } from './matcher.ts';
import { PASSAGE_BREAK } from './passage-break.ts';

/** How many times the sample is matched. */
const RUNS = 4;
/** The sample's length, in characters. */
const SAMPLE_CHARS = 32_768;

/** Report-like text holding every phrase of the lexicon. */
export function warmUpSample(): string {
  const verdicts = [...lexicon.strength, ...lexicon.concern, ...lexicon.mixed].flatMap(expandPhrase);
  const sentences = [
    // Typography from the first line on: V8 may compile the matcher during the first run.
    ...verdicts.flatMap((phrase, i) => [
      i % 3 === 0 ? `Practice is not always ${phrase} for children.` : `Leaders said the work is ${phrase} and well led.`,
      ...(i % 4 === 1 ? [`\uf06e The council’s plans aren’t ${phrase} – in ‘most’ cases, children's\u00a0plans are ${phrase} © café.`] : []),
    ]),
    ...lexicon.negatable.flatMap(expandPhrase).map((word) => `Plans are not sufficiently ${word}; reviews are ${word}.`),
    ...lexicon.grades.flatMap(({ phrase }) => lexicon.gradeLeads.map((lead) => `The service was ${lead} ${phrase}.`)),
    ...lexicon.falseFriends.flatMap(expandPhrase).map((phrase) => `Some actions noted ${phrase} at the time.`),
  ];
  const lines: string[] = [];
  for (let i = 0, length = 0; length < SAMPLE_CHARS; i++) {
    const line = sentences.slice((i * 7) % sentences.length, ((i * 7) % sentences.length) + 7).join(' ');
    lines.push(line);
    length += line.length + 1;
  }
  return lines.map((line, i) => line + (i % 4 === 3 ? PASSAGE_BREAK : '\n')).join('');
}

/**
 * Matches the sample RUNS times, each run scheduled by `schedule` (by default a task of its own);
 * settles after the last.
 */
export function warmUpMatcher(schedule: (run: () => void) => void = (run) => setTimeout(run, 0)): Promise<void> {
  const sample = warmUpSample();
  return new Promise((resolve) => {
    let left = RUNS;
    const run = () => {
      findJudgements(sample);
      if (--left === 0) resolve();
      else schedule(run);
    };
    schedule(run);
  });
}

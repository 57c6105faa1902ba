/**
 * `npm run eval`: how well the lexicon's score of a report section predicts the grade inspectors
 * gave it, against the field guide's plain-word baseline, on the held-out reports, the tuning
 * reports and all. Prints figures, never fails: it is a measurement, not a test.
 * `npm run eval -- --sections` also lists every section's scores, for tuning.
 */
import { scoreText } from '../../lib/score.ts';
import { baselineScore } from './baseline.ts';
import { loadSections, type EvalSection, type EvalSet } from './corpus.ts';
import { auc, spearman } from './metrics.ts';
import { GRADES, type Grade } from './sections.ts';

const TARGET_AUC = 0.95;
const TARGET_RHO = 0.75;
const GRADE_POINTS: Record<Grade, number> = {
  inadequate: 1,
  'requires improvement': 2,
  good: 3,
  outstanding: 4,
};

interface Scored extends EvalSection {
  lexicon: number;
  baseline: number;
}

interface Figures {
  auc: number;
  rho: number;
}

function figures(sections: readonly Scored[], score: (s: Scored) => number): Figures {
  const positive = sections.filter((s) => GRADE_POINTS[s.grade] >= 3).map(score);
  const negative = sections.filter((s) => GRADE_POINTS[s.grade] <= 2).map(score);
  return {
    auc: auc(positive, negative),
    rho: spearman(sections.map(score), sections.map((s) => GRADE_POINTS[s.grade])),
  };
}

const fmt = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)));
      return i === 0 ? `${line.join('  ')}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line.join('  ');
    })
    .join('\n');
}

const sections: Scored[] = (await loadSections()).map((s) => ({
  ...s,
  lexicon: scoreText(s.text),
  baseline: baselineScore(s.text),
}));

const SETS: Array<{ name: string; set?: EvalSet }> = [
  { name: 'held-out', set: 'held-out' },
  { name: 'tuning', set: 'tuning' },
  { name: 'all' },
];
const bySet = SETS.map(({ name, set }) => ({
  name,
  sections: sections.filter((s) => !set || s.set === set),
}));

if (process.argv.includes('--sections')) {
  console.log(
    table([
      ['report', 'area', 'grade', 'set', 'baseline', 'lexicon'],
      ...sections.map((s) => [s.file, s.area, s.grade, s.set, fmt(s.baseline), fmt(s.lexicon)]),
    ]),
  );
  console.log();
}

console.log('Sections per grade');
console.log(
  table([
    ['set', ...GRADES, 'total'],
    ...bySet.map(({ name, sections: ss }) => [
      name,
      ...GRADES.map((g) => String(ss.filter((s) => s.grade === g).length)),
      String(ss.length),
    ]),
  ]),
);
console.log();

const results = bySet.map(({ name, sections: ss }) => ({
  name,
  baseline: figures(ss, (s) => s.baseline),
  lexicon: figures(ss, (s) => s.lexicon),
}));
console.log('AUC: good/outstanding vs requires improvement/inadequate. rho: Spearman, score vs grade 1-4.');
console.log('Baseline: plain word list with three-word negation check.');
console.log(
  table([
    ['set', 'baseline AUC', 'lexicon AUC', 'baseline rho', 'lexicon rho'],
    ...results.map((r) => [
      r.name,
      fmt(r.baseline.auc),
      fmt(r.lexicon.auc),
      fmt(r.baseline.rho),
      fmt(r.lexicon.rho),
    ]),
  ]),
);
console.log();

const heldOut = results[0]!.lexicon;
const aucMet = heldOut.auc >= TARGET_AUC;
const rhoMet = heldOut.rho >= TARGET_RHO;
console.log(`Targets on held-out reports: AUC >= ${TARGET_AUC}: ${aucMet ? 'MET' : 'NOT MET'} (${fmt(heldOut.auc)}); rho >= ${TARGET_RHO}: ${rhoMet ? 'MET' : 'NOT MET'} (${fmt(heldOut.rho)})`);

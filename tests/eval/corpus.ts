/**
 * The evaluation corpus: every graded judgement section of the fixture reports, with its grade
 * and whether the lexicon was tuned on it. The tuning set is fixed here, before looking at any
 * figures: Barnet's three reports, which the seeds come from and which the lexicon was read
 * against. The other five authorities are held out, so their figures say how the lexicon does on
 * reports it has not seen.
 */
import { fixtureReports, reportText, type FixtureReport } from '../support/pdf-text.ts';
import { judgementSections, type Grade, type Section } from './sections.ts';

export const TUNING_REPORTS: readonly string[] = [
  'barnet-2017-ilacs.pdf',
  'barnet-2019-ilacs.pdf',
  'barnet-2024-ilacs.pdf',
];

export type EvalSet = 'tuning' | 'held-out';

export interface EvalSection extends Section {
  file: string;
  set: EvalSet;
}

const CSV_GRADES: Record<string, Grade> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement': 'requires improvement',
  inadequate: 'inadequate',
};

/**
 * A section's grade: grades.csv where it grades the area, else the report's own heading (the
 * 2017 report's areas and sub-judgements are graded only in the text). A disagreement between
 * the two means the splitter mis-read the report, so it throws.
 */
function gradeOf(report: FixtureReport, section: Section): Grade {
  const column = section.area === 'adoption' ? undefined : report.grades[section.area];
  const fromCsv = column === undefined ? undefined : CSV_GRADES[column];
  if (fromCsv && fromCsv !== section.grade) {
    throw new Error(`${report.file}: ${section.heading} says ${section.grade}, grades.csv ${fromCsv}`);
  }
  return fromCsv ?? section.grade;
}

export async function loadSections(): Promise<EvalSection[]> {
  const out: EvalSection[] = [];
  for (const report of fixtureReports()) {
    const set: EvalSet = TUNING_REPORTS.includes(report.file) ? 'tuning' : 'held-out';
    for (const section of judgementSections(await reportText(report.path))) {
      out.push({ ...section, grade: gradeOf(report, section), file: report.file, set });
    }
  }
  return out;
}

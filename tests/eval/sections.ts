/**
 * Splits a report's extracted text into its graded judgement sections, so the evaluation can ask
 * whether a section's language agrees with the grade inspectors gave it.
 *
 * Two layouts. Since 2018 each area's heading ends with its grade ("...help and protection:
 * good", sometimes with the grade wrapped onto the next line). The 2017 framework prints the
 * heading, a blank line, then the grade alone on a line; within the children looked after
 * section, adoption and care leavers are graded in a sentence of their own ("The graded judgement
 * about the experience and progress of care leavers is that it requires improvement"). The grade
 * table on the first page has the same shape as a 2017 heading: in reports whose headings carry
 * their grade it is taken for the table, and elsewhere rows with too little text are dropped. Heading and grade lines are never part of a section's text, so
 * the grade word cannot leak into its score.
 */

export type Grade = 'outstanding' | 'good' | 'requires improvement' | 'inadequate';
export const GRADES: readonly Grade[] = ['inadequate', 'requires improvement', 'good', 'outstanding'];

export type Area =
  | 'impact_of_leaders'
  | 'help_and_protection'
  | 'children_in_care'
  | 'care_leavers'
  | 'adoption';

export interface Section {
  area: Area;
  /** The grade the report's heading states. */
  grade: Grade;
  heading: string;
  /** The section's body, without its heading and grade. */
  text: string;
}

const AREA_HEADING =
  /^(The impact of leaders|The experiences and progress of|Leadership, management and|The graded judgement (for|about))/;
/** Headings that end a section without starting a graded one. */
const OTHER_HEADING =
  /^(Overall effectiveness|What needs to improve|The Office for Standards|Ofsted produces|Information about this|The Local Safeguarding Children Board|Summary for children|Contents$)/;
const GRADE = 'outstanding|good|requires improvement(?: to be good)?|inadequate';
const GRADE_AT_END = new RegExp(`(?::|is that it(?: is)?)\\s*(${GRADE})\\.?$`, 'i');
const GRADE_ALONE = new RegExp(`^(${GRADE})$`, 'i');
/** Sections shorter than this are rows of the grade table, not report sections. */
const MIN_BODY = 300;

function toGrade(text: string): Grade {
  const g = text.toLowerCase();
  return g.startsWith('requires improvement') ? 'requires improvement' : (g as Grade);
}

function areaOf(heading: string): Area | undefined {
  const h = heading.toLowerCase();
  if (/impact of leaders|leadership, management/.test(h)) return 'impact_of_leaders';
  if (/help and protection/.test(h)) return 'help_and_protection';
  if (/children in care|children looked after/.test(h)) return 'children_in_care';
  if (/care leavers/.test(h)) return 'care_leavers';
  if (/adoption/.test(h)) return 'adoption';
  return undefined;
}

interface Heading {
  /** First line of the heading. */
  line: number;
  /** First line after the heading and its grade. */
  bodyFrom: number;
  text: string;
  area?: Area;
  grade?: Grade;
  /**
   * Where the grade stood: closing the heading after a colon, alone on the next line (2017
   * layout, and the grade table), or closing a sentence ("...is that it requires improvement").
   */
  gradeAt?: 'heading' | 'line' | 'sentence';
}

/** The heading starting at `lines[i]`: up to three lines, then the grade after it if any. */
function readHeading(lines: string[], i: number): Heading {
  let text = '';
  let j = i;
  while (j < lines.length && j < i + 3 && lines[j]!.trim() !== '') {
    text = `${text} ${lines[j]!.trim()}`.trim();
    j++;
    if (GRADE_AT_END.test(text)) break;
  }
  const heading: Heading = { line: i, bodyFrom: j, text, area: areaOf(text) };
  const atEnd = GRADE_AT_END.exec(text);
  if (atEnd) {
    const gradeAt = atEnd[0].startsWith(':') ? 'heading' : 'sentence';
    return { ...heading, grade: toGrade(atEnd[1]!), gradeAt };
  }
  let k = j;
  while (k < lines.length && lines[k]!.trim() === '') k++;
  const alone = GRADE_ALONE.exec(lines[k]?.trim() ?? '');
  if (alone && (text.endsWith(':') || k > j)) {
    const grade = toGrade(alone[1]!);
    const gradeAt = text.endsWith(':') ? 'heading' : 'line';
    return { ...heading, text: `${text} ${alone[1]}`, bodyFrom: k + 1, grade, gradeAt };
  }
  return heading;
}

/** The graded judgement sections of a report's text, in order. */
export function judgementSections(text: string): Section[] {
  const lines = text.split('\n');
  const headings: Heading[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const startsParagraph = i === 0 || lines[i - 1]!.trim() === '';
    if (!startsParagraph) continue;
    if (AREA_HEADING.test(line)) {
      const heading = readHeading(lines, i);
      headings.push(heading);
      i = heading.bodyFrom - 1;
    } else if (OTHER_HEADING.test(line)) {
      headings.push({ line: i, bodyFrom: i + 1, text: line });
    }
  }
  // In reports whose headings end with their grade, a grade alone on a line is a table row.
  const modern = headings.some((h) => h.gradeAt === 'heading');
  const sections: Section[] = [];
  headings.forEach((h, n) => {
    if (!h.area || !h.grade || (modern && h.gradeAt === 'line')) return;
    const end = headings[n + 1]?.line ?? lines.length;
    const body = lines.slice(h.bodyFrom, end).join('\n').trim();
    if (body.length >= MIN_BODY) sections.push({ area: h.area, grade: h.grade, heading: h.text, text: body });
  });
  return sections;
}

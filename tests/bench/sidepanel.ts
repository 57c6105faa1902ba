/**
 * The side panel with a heavy reader's store: 10,000 annotations over 300 pages, in the real
 * extension in Chromium. The file is made in Node through the extension's own exporter and goes in
 * through the panel's own import, so the store holds exactly what a reader's would. Each figure is
 * timed inside the page (performance.now() at a capture listener for the reader's action, to the
 * DOM change that shows its result) so DevTools round trips are not counted:
 * - import: the file's `change` event to the preview (parse, validate, plan), plus the Import
 *   click to its confirmation (the write), into an empty store;
 * - export: the Export JSON click to the `<a download>` click (the file text built and wrapped);
 * - open: navigation start to the list's first items and the total count rendered;
 * - every annotation read: navigation start to the list no longer busy (the panel reads and checks
 *   every annotation after its first paint; counts per theme, filters and export wait for it);
 * - filter: choosing a theme to the narrowed count rendered.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { exportAnnotations } from '../../lib/export.ts';
import { parseExport } from '../../lib/import.ts';
import type { Annotation, Theme } from '../../lib/schema.ts';
import { DB_NAME } from '../../lib/store-migrations.ts';
import { launchWithExtension, ROOT } from '../support/chromium.ts';
import { fmt, ms, summarise, type Row, type Summary } from './stats.ts';

export const ANNOTATIONS = 10_000;
export const PAGES = 300;

export interface SidePanelResult {
  fileMb: number;
  importMs: Summary;
  exportMs: Summary;
  openMs: Summary;
  readAllMs: Summary;
  filterMs: Summary;
  /** What the theme filter left, so the figure is read against the size of the list it drew. */
  filteredTo: number;
}

/** A deterministic store's worth: every page a report, passages of 60–300 characters, 1–3 themes each. */
async function exportText(): Promise<string> {
  const raw = JSON.parse(await readFile(`${ROOT}/lib/default-themes.json`, 'utf8')) as Omit<Theme, 'createdAt' | 'updatedAt'>[];
  const at = '2026-01-01T09:00:00.000Z';
  const themes: Theme[] = raw.map((t) => ({ ...t, createdAt: at, updatedAt: at }));
  const words = 'leaders social workers children supervision oversight caseloads plans families management practice quality'.split(' ');
  const annotations: Annotation[] = [];
  for (let i = 0; i < ANNOTATIONS; i++) {
    const length = 8 + (i % 40);
    const exact = Array.from({ length }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(' ');
    const page = i % PAGES;
    const created = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    annotations.push({
      id: `bench-${i}`,
      url: `https://reports.ofsted.gov.uk/provider/44/${80000 + page}`,
      title: `Inspection of local authority children's services ${page}`,
      quote: { exact, prefix: 'Inspectors found that ', suffix: ' in the cases seen.' },
      position: { start: i * 10, end: i * 10 + exact.length },
      themeIds: [themes[i % themes.length]!.id, ...(i % 3 === 0 ? [themes[(i + 5) % themes.length]!.id] : [])],
      note: i % 4 === 0 ? `Follow up with the team on point ${i}.` : '',
      createdAt: created,
      updatedAt: created,
    });
  }
  const text = exportAnnotations('json', { themes, annotations, exportedAt: new Date(at), scope: 'all' }).text;
  const parsed = parseExport(text);
  if (!parsed.ok) throw new Error(`the benchmark file does not import: ${parsed.message}`);
  return text;
}

type Timed = Window & { __start?: number; __done?: Promise<number>; __rendered?: number; __readAll?: number };

/**
 * Arms the timers for one action: when the reader's next `event` reaches the document, and when
 * an element matching `selector` whose text contains `text` first appears after a DOM change.
 * (Conditions are data, not code: the extension page's CSP forbids evaluating strings.)
 */
function watch(panel: Page, event: 'change' | 'click', selector: string, text: string): Promise<void> {
  return panel.evaluate(
    ([event, selector, text]) => {
      const w = window as Timed;
      w.__start = undefined;
      document.addEventListener(event, () => (w.__start = performance.now()), { capture: true, once: true });
      w.__done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (!(document.querySelector(selector)?.textContent ?? '').includes(text)) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true });
      });
    },
    [event, selector, text] as const,
  );
}

const elapsed = (panel: Page) => panel.evaluate(async () => (await (window as Timed).__done!) - (window as Timed).__start!);

const SECTION = '.all-annotations';
const STATUS = `${SECTION} > p[role=status]`;
const ITEM = `${SECTION} .annotations > li`;
const READ_ALL = `${SECTION} .annotations[aria-busy=false]`;

export async function benchSidePanel(repetitions: number, log: (line: string) => void): Promise<SidePanelResult> {
  const text = await exportText();
  const fileMb = text.length / 1e6;
  log(`  file: ${ANNOTATIONS.toLocaleString('en-GB')} annotations over ${PAGES} pages, ${fileMb.toFixed(2)} MB of JSON`);
  const browser = await launchWithExtension();
  try {
    const panelUrl = `chrome-extension://${browser.extensionId}/sidepanel.html`;
    const panel = await browser.context.newPage();
    // Installed before each document's own scripts, so it sees the list's first render; the time is
    // since navigation start (performance's time origin).
    await panel.addInitScript(
      ([status, expected, item, readAll]) => {
        const w = window as Timed;
        const observer = new MutationObserver(() => {
          if (w.__rendered === undefined && document.querySelector(status)?.textContent === expected && document.querySelector(item) !== null) {
            w.__rendered = performance.now();
          }
          if (w.__readAll === undefined && document.querySelector(readAll) !== null) w.__readAll = performance.now();
          if (w.__rendered !== undefined && w.__readAll !== undefined) observer.disconnect();
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      },
      [STATUS, `${ANNOTATIONS} annotations.`, ITEM, READ_ALL] as const,
    );
    const importMs: number[] = [];
    for (let run = 0; run < repetitions; run++) {
      await panel.goto(panelUrl);
      await panel.evaluate((name) => new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      }), DB_NAME);
      await panel.reload();
      await panel.getByRole('status').filter({ hasText: '0 annotations.' }).waitFor();
      // The preview group shows the steps before it shows the plan: the plan's count ends the wait.
      await watch(panel, 'change', '[aria-label="Import preview"]', `New: ${ANNOTATIONS}`);
      await panel.getByLabel('Import JSON').setInputFiles({ name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      const planned = await elapsed(panel);
      await watch(panel, 'click', '.import [role=alert]', 'Imported');
      await panel.getByRole('button', { name: 'Import', exact: true }).click();
      importMs.push(planned + (await elapsed(panel)));
      await panel.getByRole('status').filter({ hasText: `${ANNOTATIONS} annotations.` }).waitFor();
    }

    const exportMs: number[] = [];
    for (let run = 0; run < repetitions; run++) {
      // From the click to the Blob handed to createObjectURL: the file text built and wrapped.
      const built = panel.evaluate(() => {
        const w = window as Timed;
        document.addEventListener('click', () => (w.__start = performance.now()), { capture: true, once: true });
        return new Promise<number>((resolve) => {
          const original = URL.createObjectURL;
          URL.createObjectURL = (blob: Blob) => {
            URL.createObjectURL = original;
            resolve(performance.now() - w.__start!);
            return original(blob);
          };
        });
      });
      await panel.getByRole('button', { name: 'Export JSON', exact: true }).click();
      exportMs.push(await built);
    }

    const openMs: number[] = [];
    const readAllMs: number[] = [];
    for (let run = 0; run < repetitions; run++) {
      await panel.goto('about:blank');
      await panel.goto(panelUrl);
      await panel.locator(READ_ALL).waitFor({ state: 'attached' });
      openMs.push(await panel.evaluate(() => (window as Timed).__rendered!));
      readAllMs.push(await panel.evaluate(() => (window as Timed).__readAll!));
    }

    const filterMs: number[] = [];
    const theme = panel.getByRole('combobox', { name: 'Theme', exact: true });
    const option = (await theme.locator('option').nth(1).textContent())!;
    const filteredTo = Number(/\((\d+)\)$/.exec(option)![1]);
    for (let run = 0; run < repetitions; run++) {
      await watch(panel, 'change', STATUS, `${filteredTo} of ${ANNOTATIONS} annotations.`);
      await theme.selectOption({ index: 1 });
      filterMs.push(await elapsed(panel));
      await theme.selectOption('');
      await panel.getByRole('status').filter({ hasText: `${ANNOTATIONS} annotations.` }).waitFor();
    }
    return { fileMb, importMs: summarise(importMs), exportMs: summarise(exportMs), openMs: summarise(openMs), readAllMs: summarise(readAllMs), filterMs: summarise(filterMs), filteredTo };
  } finally {
    await browser.close();
  }
}

/**
 * Runs the side panel bench, prints its figures, and returns its rows of the summary table, so
 * `npm run bench` and the side panel alone (`node tests/bench/run.ts sidepanel`) report alike.
 */
export async function reportSidePanel(repetitions: number, log: (line: string) => void): Promise<Row[]> {
  const sp = await benchSidePanel(repetitions, log);
  log(`  import into an empty store (parse, validate, plan; then write): ${fmt(sp.importMs)}`);
  log(`  export JSON (click to the file's Blob): ${fmt(sp.exportMs)}`);
  log(`  open "All annotations" (navigation to the newest items and the count rendered): ${fmt(sp.openMs)}`);
  log(`  every annotation read and checked (navigation to counts, filters and export ready): ${fmt(sp.readAllMs)}`);
  log(`  filter by one theme (${sp.filteredTo.toLocaleString('en-GB')} left): ${fmt(sp.filterMs)}`);
  const count = ANNOTATIONS.toLocaleString('en-GB');
  return [
    { figure: `side panel: import ${count} (${sp.fileMb.toFixed(1)} MB)`, value: ms(sp.importMs.median), target: '≤ 3000 ms', met: sp.importMs.median <= 3000 },
    { figure: `side panel: export JSON of ${count}`, value: ms(sp.exportMs.median), target: '≤ 1000 ms', met: sp.exportMs.median <= 1000 },
    { figure: 'side panel: open All annotations', value: ms(sp.openMs.median), target: '≤ 200 ms', met: sp.openMs.median <= 200 },
    { figure: 'side panel: filter by a theme', value: ms(sp.filterMs.median), target: '≤ 200 ms', met: sp.filterMs.median <= 200 },
  ];
}

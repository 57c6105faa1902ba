/**
 * Importing a native JSON export: the reader chooses a file, sees what it would change (nothing is
 * written yet), then imports or cancels. A file over the size limit is refused by its size, before
 * it is read. The file is read and checked in a worker (lib/import-off-thread.ts), so the panel
 * stays responsive while a large one is checked; it says which step it is on, painted before each
 * long step starts. Every message is rendered as text, never as HTML, because a file's contents
 * (including its error positions) come from whoever made the file.
 */
import { useState } from 'preact/hooks';
import { applyImport, checkImportSize, planImport, readCurrent, summarise, type ImportPlan } from '../lib/import.ts';
import { readExportOffThread } from '../lib/import-off-thread.ts';
import { counted } from '../lib/counted.ts';
import { errorText } from '../lib/error-text.ts';
import { afterPaint } from '../lib/page-ready.ts';
import { withStore, type LensStore } from '../lib/store.ts';

export interface ImportPanelProps {
  openStore: () => Promise<LensStore>;
  /** Starts the worker that reads and checks a file (entrypoints/sidepanel/import-worker.ts). */
  startImportWorker: () => Worker;
  /** Called after a successful import so the list shows the new records. */
  imported: () => Promise<void>;
}

export function ImportPanel({ openStore, startImportWorker, imported }: ImportPanelProps) {
  const [plan, setPlan] = useState<ImportPlan>();
  const [message, setMessage] = useState<string>();
  const [step, setStep] = useState<string>();

  /** Shows what the panel is doing and lets it paint before the work starts. */
  const showStep = async (text: string | undefined) => {
    setStep(text);
    if (text !== undefined) await afterPaint(window);
  };

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Clearing the input lets the reader choose the same file again after cancelling.
    input.value = '';
    setPlan(undefined);
    setMessage(undefined);
    if (file === undefined) return;
    const tooBig = checkImportSize(file.size);
    if (tooBig !== undefined) return setMessage(tooBig);
    try {
      await showStep(`Reading ${file.name}…`);
      const parsed = await readExportOffThread(file, startImportWorker, () => showStep(`Checking ${file.name}…`));
      if (!parsed.ok) return setMessage(parsed.message);
      await showStep('Comparing it with your annotations…');
      const planned = planImport(parsed.data, await withStore(openStore, readCurrent));
      if (!planned.ok) return setMessage(planned.message);
      setPlan(planned.plan);
    } finally {
      await showStep(undefined);
    }
  };

  const apply = async (chosen: ImportPlan) => {
    setPlan(undefined);
    await showStep('Importing…');
    const applied = await withStore(openStore, (store) => applyImport(store, chosen)).finally(() => showStep(undefined));
    if (!applied.ok) return setMessage(applied.message);
    const s = applied.summary;
    setMessage(`Imported ${counted(s.new, 'new annotation')} and ${s.updated} updated, and ${counted(s.themesAdded, 'new theme')}.`);
    await imported();
  };

  const summary = plan === undefined ? undefined : summarise(plan);
  return (
    <section class="import" aria-label="Import">
      <label>
        Import JSON
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => void choose(e.currentTarget).catch((err: unknown) => setMessage(`The file could not be read: ${errorText(err)}`))}
        />
      </label>
      {step !== undefined && <p role="status">{step}</p>}
      {message !== undefined && <p role="alert">{message}</p>}
      {plan !== undefined && summary !== undefined && (
        <div class="preview" role="group" aria-label="Import preview">
          <ul>
            <li>New: {summary.new}</li>
            <li>Updated: {summary.updated}</li>
            <li>Unchanged: {summary.unchanged}</li>
            <li>Themes added: {summary.themesAdded}</li>
          </ul>
          <button type="button" onClick={() => void apply(plan).catch((err: unknown) => setMessage(`Nothing was imported: ${errorText(err)}`))}>
            Import
          </button>
          <button type="button" onClick={() => setPlan(undefined)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}

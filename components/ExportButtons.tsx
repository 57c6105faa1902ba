/**
 * The three export buttons, "Export JSON", "Export CSV" and "Export W3C" (accessible names are
 * a public contract), in a group named for what they export. "This page" and "All annotations"
 * both offer them, for their own annotations and scope.
 */
import type { ExportKind } from '../lib/export.ts';

const EXPORT_BUTTONS: readonly { kind: ExportKind; label: string }[] = [
  { kind: 'json', label: 'Export JSON' },
  { kind: 'csv', label: 'Export CSV' },
  { kind: 'w3c', label: 'Export W3C' },
];

export interface ExportButtonsProps {
  /** The group's accessible name, such as "Export this page". */
  label: string;
  /** Nothing to export: the buttons stay in place, disabled. */
  disabled: boolean;
  onExport: (kind: ExportKind) => void;
}

export function ExportButtons({ label, disabled, onExport }: ExportButtonsProps) {
  return (
    <div class="actions" role="group" aria-label={label}>
      {EXPORT_BUTTONS.map(({ kind, label }) => (
        <button type="button" key={kind} disabled={disabled} onClick={() => onExport(kind)}>
          {label}
        </button>
      ))}
    </div>
  );
}

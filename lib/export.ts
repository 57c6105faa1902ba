/**
 * One entry point for the side panel: it offers the three formats by kind and need not know which
 * module writes which.
 */
import { exportCsv } from './export-csv.ts';
import type { ExportFile, ExportInput, ExportKind } from './export-file.ts';
import { exportJson } from './export-json.ts';
import { exportW3c } from './export-w3c.ts';

export type { ExportFile, ExportKind } from './export-file.ts';

const EXPORTERS: Readonly<Record<ExportKind, (input: ExportInput) => ExportFile>> = { json: exportJson, csv: exportCsv, w3c: exportW3c };

export const EXPORT_KINDS = Object.keys(EXPORTERS) as ExportKind[];

export const exportAnnotations = (kind: ExportKind, input: ExportInput): ExportFile => EXPORTERS[kind](input);

/**
 * Saves an export from an extension page. The service worker has no `URL.createObjectURL`, so the
 * side panel makes the file itself: a Blob, an object URL and a click on an `<a download>`.
 */
import type { ExportFile } from './export.ts';

export function downloadFile(file: ExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download that has not started reading the Blob yet; a minute is
  // ample, and the URL dies with the page anyway if the panel closes first.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Saving text as a file from an extension page (the popup's mention export, the
 * options page's settings export): an `<a download>` on a blob URL, so that no
 * `downloads` permission is needed.
 */

/** How long the blob URL lives: the download reads it asynchronously, after the click returns. */
const REVOKE_AFTER_MS = 60_000;

export function downloadText(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

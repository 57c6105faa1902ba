/**
 * Waiting for the browser to show something before starting work that would delay it: the page's
 * own first layout (reading visibility would force it), or a side panel's first list or step
 * message (long work would hold it off screen).
 */

/**
 * Settles once `view` has painted its next frame, or after `atMostMs` when no frame comes (a
 * hidden document or a background tab paints none).
 */
export function afterPaint(view: Window, atMostMs = 100): Promise<void> {
  return new Promise((resolve) => {
    view.setTimeout(resolve, atMostMs);
    view.requestAnimationFrame(() => view.setTimeout(resolve, 0));
  });
}

/**
 * Settles once the page has loaded and painted, so the page's own first layout never runs inside
 * the extension's work. A page whose load drags on (slow adverts) waits two seconds at most; a tab
 * that paints no frames (in the background), half a second more.
 */
export function afterRendering(view: Window): Promise<void> {
  return new Promise((resolve) => {
    const painted = () => void afterPaint(view, 500).then(resolve);
    if (view.document.readyState === 'complete') return painted();
    view.addEventListener('load', painted, { once: true });
    view.setTimeout(painted, 2000);
  });
}

/**
 * Settles once the page has loaded and painted, so the page's own first layout never runs inside
 * the extension's work (reading visibility would force it). A page whose load drags on (slow
 * adverts) waits two seconds at most; a tab that paints no frames (in the background), half a
 * second.
 */
export function afterRendering(view: Window): Promise<void> {
  return new Promise((resolve) => {
    const painted = () => {
      view.setTimeout(resolve, 500);
      view.requestAnimationFrame(() => view.setTimeout(resolve, 0));
    };
    if (view.document.readyState === 'complete') return painted();
    view.addEventListener('load', painted, { once: true });
    view.setTimeout(painted, 2000);
  });
}

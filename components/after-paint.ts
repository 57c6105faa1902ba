/**
 * Resolves once the browser has painted what is on screen now: after the next frame, or after a
 * moment if no frame comes (a hidden document gets none, and paints nothing either). The side
 * panel awaits it before long work, so what it shows first (the newest annotations, or that a file
 * is being checked) is on screen while that work runs.
 */
export const afterPaint = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });

/**
 * Timestamps in exact time order. The schema allows none or one to nine fractional digits, so
 * Date.parse (milliseconds) would call two different edits a tie, and plain text order puts
 * `…:00Z` after `…:00.5Z`; a key with the fraction padded to nine digits orders exactly as text.
 */
export function instantKey(timestamp: string): string {
  return `${timestamp.slice(0, 19)}.${timestamp.slice(20, -1).padEnd(9, '0')}`;
}

/**
 * The whole second a timestamp falls in. Text order is time order between different seconds (the
 * fields before the fraction have fixed widths); only within one second can it differ.
 */
export const secondOf = (timestamp: string): string => timestamp.slice(0, 19);

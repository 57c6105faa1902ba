/** What went wrong, as a sentence can quote it: an Error's message, or anything else as text. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Callers that match several passages at once join them with this character (U+2029 PARAGRAPH
 * SEPARATOR): the matcher takes it as the end of a line and a clause, so no phrase or negation
 * runs from one passage into the next. A module of its own, so that a page, which only joins
 * passages, does not load the matcher with it.
 */
export const PASSAGE_BREAK = '\u2029';

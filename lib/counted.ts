/** A count in words that agree with it, as the panel shows counts: "1 annotation", "2 annotations". */
export const counted = (count: number, noun: string): string => `${count} ${count === 1 ? noun : `${noun}s`}`;

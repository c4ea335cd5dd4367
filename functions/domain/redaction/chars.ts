/** Character classes the scanners test one code unit at a time (no regex, no backtracking). */

export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
export const isUpper = (c: number) => c >= 65 && c <= 90;
export const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Letters of Latin-1 and Latin Extended-A/B (å, ö, é, ß…), without × and ÷. */
export const isLatinLetter = (c: number) => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;

/** A character that glues onto a number or address and makes it part of a longer word. */
export const isWordChar = (c: number) => isDigit(c) || isAsciiLetter(c) || c === 95 || isLatinLetter(c);

export const digitsOnly = (value: string) => value.replace(/[^0-9]/g, '');

/** The form lexicon entries and looked-up words are compared in: lower case, without accents. */
export const foldName = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Particles inside person names ("de la", "van", "von der", "af", "bin", "al", "y"): lower-case
 * ordinary words that join a name's capitalised parts. Name detection runs a name on across them;
 * a participant's known name does not match them alone (they are everyone's words). Italian and
 * Portuguese "e" (and) is left out: "Cedillo e Hijos" is a company.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'af',
  'av',
  'di',
  'da',
  'del',
  'dos',
  'ten',
  'ter',
  'bin',
  'al',
  'el',
  'y',
]);

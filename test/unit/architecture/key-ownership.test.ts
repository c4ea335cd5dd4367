import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const USE_CASES = join(ROOT, 'functions', 'usecases');

/** A key format of the records table and the one use-case module allowed to spell it (docs/storage-layout.md). */
interface KeyOwnership {
  owner: string;
  spellings: RegExp[];
}

const OWNERSHIPS: KeyOwnership[] = [
  {
    owner: 'functions/usecases/records/subject-index.ts',
    spellings: [
      /SUBJ#/,
      /SUBJECT_ENTRY_PREFIX/,
      /\.queryBySubject\(/,
      // The `bySubject` key, as an attribute or as a `T#<tenant>#<hmacHex>` template.
      /\bsubjectKey\s*:/,
      /`T#\$\{[^}]+\}#\$\{[^}]*hmac/i,
    ],
  },
  { owner: 'functions/usecases/records/recording-pointer-keys.ts', spellings: [/REC#/] },
  { owner: 'functions/usecases/records/survey-keys.ts', spellings: [/SURVEY#/] },
];

interface SourceFile {
  path: string;
  text: string;
}

function sourcesUnder(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return entry.name.endsWith('.ts') ? [{ path: relative(ROOT, full), text: readFileSync(full, 'utf8') }] : [];
  });
}

/** `path: pattern` for every file that spells a key format it does not own. */
function trespasses(files: readonly SourceFile[]): string[] {
  return files.flatMap(({ path, text }) =>
    OWNERSHIPS.filter(({ owner }) => owner !== path).flatMap(({ spellings }) =>
      spellings.filter((spelling) => spelling.test(text)).map((spelling) => `${path}: ${spelling}`),
    ),
  );
}

describe('key formats have one owner among the use cases (docs/architecture.md)', () => {
  it('no use-case file but the owning module spells the subject-index, recording-pointer or survey keys', () => {
    // Prepare
    const files = sourcesUnder(USE_CASES);

    // Act
    const found = trespasses(files);

    // Assess
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(OWNERSHIPS.map((o) => o.owner)));
    expect(found).toEqual([]);
  });

  it('catches a use case that builds the subject key, reads the index or writes an entry by hand', () => {
    // Prepare
    const files: SourceFile[] = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a use case, not a template
      { path: 'functions/usecases/x/a.ts', text: 'records.queryBySubject(`T#${tenantId}#${key.hmacHex}`)' },
      { path: 'functions/usecases/x/b.ts', text: "records.queryPartition(pk, { skPrefix: 'SUBJ#' })" },
      { path: 'functions/usecases/x/c.ts', text: 'const item = { subjectKey: key };' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a use case, not a template
      { path: 'functions/usecases/x/d.ts', text: 'const sk = `REC#${recordingId}`;' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a use case, not a template
      { path: 'functions/usecases/x/e.ts', text: 'const sk = `SURVEY#${surveyId}`;' },
      { path: 'functions/usecases/x/f.ts', text: 'import { SUBJECT_ENTRY_PREFIX } from "../../domain/record-keys";' },
    ];

    // Act
    const offenders = new Set(trespasses(files).map((t) => t.split(':')[0]));

    // Assess
    expect([...offenders].sort()).toEqual(files.map((f) => f.path));
  });

  it('lets the owning module spell its own keys', () => {
    // Prepare
    const owner: SourceFile = { path: 'functions/usecases/records/subject-index.ts', text: "'SUBJ#'; subjectKey: k" };

    // Act
    const found = trespasses([owner]);

    // Assess
    expect(found).toEqual([]);
  });
});

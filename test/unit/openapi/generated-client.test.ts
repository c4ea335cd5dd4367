import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { runPackageCli, writeDocument } from './document-file';

/** A channel and a staff console written against the generated types: ingest, search, file a request. */
const CLIENT_PROGRAM = `
import type { components, operations } from './lethe-api';

type StartInteraction = operations['postInteractions'];
export const start: StartInteraction['requestBody']['content']['application/json'] = {
  channel: 'chat',
  startedAt: '2025-03-01T09:30:00Z',
  participant: { email: 'jane@example.org' },
  consent: { storeContent: true, gdpr: { granted: true, noticeVersion: '2025-01' } },
};
export const interactionIdOf = (created: StartInteraction['responses'][201]['content']['application/json']): string => created.interactionId;

type Search = operations['getInteractions'];
export const query: NonNullable<Search['parameters']['query']> = { email: 'jane@example.org', channel: 'chat', limit: 20 };
export const channelsOf = (page: Search['responses'][200]['content']['application/json']): Array<components['schemas']['InteractionSummary']['channel']> =>
  page.items.map((hit) => hit.channel);

type FileRequest = operations['postSubjectRequests'];
export const erase: FileRequest['requestBody']['content']['application/json'] = { type: 'erase', identifiers: { email: 'jane@example.org' } };
export const filed = (answer: FileRequest['responses'][202]['content']['application/json']): unknown => answer.requestId;
export const correlationIdOf = (failure: FileRequest['responses'][500]['content']['application/json']): string | undefined => failure.error.correlationId;
export const throttled = (failure: FileRequest['responses'][429]['content']['application/json']): string => failure.error.code;
export const csvOf = (answer: operations['getArchiveByClass']['responses'][200]['content']['text/csv']): string => answer;
`;

/** The same calls, wrong: a channel the API does not know, a misspelt field, a missing required one. */
const WRONG_PROGRAM = `
import type { operations } from './lethe-api';

export const start: operations['postInteractions']['requestBody']['content']['application/json'] = { channel: 'fax', startedAt: '2025-03-01T09:30:00Z' };
export const idOf = (created: operations['postInteractions']['responses'][201]['content']['application/json']): string => created.interactionID;
export const erase: operations['postSubjectRequests']['requestBody']['content']['application/json'] = { type: 'erase' };
`;

function typeErrors(dir: string, files: string[]): Record<string, string[]> {
  const program = ts.createProgram(
    files.map((f) => join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: true,
    },
  );
  const errors: Record<string, string[]> = Object.fromEntries(files.map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program))
    errors[d.file ? d.file.fileName.slice(dir.length + 1) : 'program']?.push(
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    );
  return errors;
}

describe('a client generated from the OpenAPI document with openapi-typescript', () => {
  it('types a program that ingests an interaction, searches and files a subject request, and refuses the same calls made wrong', async () => {
    // Prepare
    const { dir, file } = writeDocument();
    // A default makes a field optional in a request; openapi-typescript would otherwise make it required.
    await runPackageCli('openapi-typescript/bin/cli.js', [
      file,
      '--default-non-nullable',
      'false',
      '--output',
      join(dir, 'lethe-api.d.ts'),
    ]);
    writeFileSync(join(dir, 'client.ts'), CLIENT_PROGRAM);
    writeFileSync(join(dir, 'wrong.ts'), WRONG_PROGRAM);

    // Act
    const errors = typeErrors(dir, ['client.ts', 'wrong.ts']);

    // Assess
    expect(errors['client.ts']).toEqual([]);
    expect(errors['wrong.ts']).toEqual([
      expect.stringContaining(`'"fax"'`),
      expect.stringContaining(`'interactionID' does not exist`),
      expect.stringContaining(`'identifiers' is missing`),
    ]);
  });
});

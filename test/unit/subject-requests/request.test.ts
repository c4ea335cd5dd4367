import { LetheError } from '../../../functions/domain/errors';
import {
  parseSubjectRequestEvent,
  searchedKinds,
  storedOptions,
  SubjectRequestSchema,
} from '../../../functions/domain/subject-requests/request';
import { parseOrThrow } from '../../../functions/domain/validation';

const parse = (body: unknown) => parseOrThrow(SubjectRequestSchema, body, 'The subject request');
const problemsOf = (act: () => unknown): string[] => {
  try {
    act();
  } catch (error) {
    if (error instanceof LetheError) return error.fields.map((f) => `${f.path}: ${f.message}`);
    throw error;
  }
  throw new Error('expected a VALIDATION_FAILED');
};

describe('a subject request as filed', () => {
  it('an erasure names the subject by at least one identifier; options default to none', () => {
    // Act
    const request = parse({ type: 'erase', identifiers: { phone: ' +46 70 123 45 67 ', email: 'anna@example.com' } });
    // Assess
    expect(request).toEqual({
      type: 'erase',
      identifiers: { phone: '+46 70 123 45 67', email: 'anna@example.com' },
      options: {},
    });
    expect(searchedKinds(request.identifiers)).toEqual(['phone', 'email']);
  });

  it('anonymisation deletes content unless told to keep it', () => {
    // Act / Assess
    expect(parse({ type: 'anonymize', identifiers: { email: 'a@b.c' } }).options).toEqual({ content: 'delete' });
    expect(parse({ type: 'anonymize', identifiers: { email: 'a@b.c' }, options: { content: 'keep' } }).options).toEqual(
      { content: 'keep' },
    );
  });

  it('is refused with every problem named: no identifier, an unknown option, a blank value', () => {
    // Act
    const problems = problemsOf(() => parse({ type: 'erase', identifiers: { email: '  ' }, options: { now: true } }));
    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^identifiers.email: must not be blank/),
        expect.stringMatching(/^options: /),
      ]),
    );
  });

  it('an unknown type is refused with the list of types', () => {
    // Act / Assess
    expect(problemsOf(() => parse({ type: 'forget', identifiers: { email: 'a@b.c' } }))).toEqual([
      expect.stringContaining('erase, anonymize, export, rectify, restrict'),
    ]);
  });

  it('rectification needs the current value of every identifier it corrects', () => {
    // Act
    const problems = problemsOf(() =>
      parse({
        type: 'rectify',
        identifiers: { phone: '+46701234567' },
        options: { corrected: { email: 'new@example.com' } },
      }),
    );
    // Assess
    expect(problems).toEqual(['identifiers.email: is required to rectify the email: give its current value']);
  });

  it('keeps with the job only options that name no one: rectify keeps the kinds corrected, never the values', () => {
    // Prepare
    const request = parse({
      type: 'rectify',
      identifiers: { email: 'old@example.com' },
      options: { corrected: { email: 'new@example.com' } },
    });
    // Act
    const kept = storedOptions(request);
    // Assess
    expect(kept).toEqual({ corrected: ['email'] });
    expect(JSON.stringify(kept)).not.toContain('example.com');
  });

  it('the console event carries the tenant; { tenantId, requestId } resumes a filed request', () => {
    // Act
    const fresh = parseSubjectRequestEvent({
      tenantId: '01J8Z6Q4W9X3M2N5P7R8S0T1V2',
      type: 'export',
      identifiers: { visitorId: 'v-1' },
      options: {},
    });
    const resume = parseSubjectRequestEvent({
      tenantId: '01J8Z6Q4W9X3M2N5P7R8S0T1V2',
      requestId: '01J8Z6Q4W9X3M2N5P7R8S0T1V3',
    });
    // Assess
    expect(fresh).toEqual({
      kind: 'new',
      tenantId: '01J8Z6Q4W9X3M2N5P7R8S0T1V2',
      request: { type: 'export', identifiers: { visitorId: 'v-1' }, options: {} },
    });
    expect(resume).toEqual({
      kind: 'resume',
      tenantId: '01J8Z6Q4W9X3M2N5P7R8S0T1V2',
      requestId: '01J8Z6Q4W9X3M2N5P7R8S0T1V3',
    });
    expect(problemsOf(() => parseSubjectRequestEvent({ type: 'erase', identifiers: { phone: '1' } }))).toEqual([
      expect.stringMatching(/^tenantId: /),
    ]);
  });
});

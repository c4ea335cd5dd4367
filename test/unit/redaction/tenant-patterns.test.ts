import { createRedactor, validateTenantPatterns } from '../../../functions/domain/redaction';
import { LetheError } from '../../../functions/domain/errors';
import { parsePolicy } from '../../../functions/domain/policy/parse';
import { inbentaPreset } from '../../../functions/domain/policy/presets';

describe('tenant-managed patterns run on RE2 and are validated when saved', () => {
  it('a tenant pattern is applied with its name as placeholder', () => {
    // Prepare
    const redactor = createRedactor({
      patterns: [{ name: 'CUSTOMER_ID', pattern: '\\bCUST-[0-9]{6}\\b', caseInsensitive: true }],
    });
    // Act
    const result = redactor.redact('mon identifiant cust-123456, merci');
    // Assess
    expect(result.text).toBe('mon identifiant [CUSTOMER_ID], merci');
    expect(result.findings).toEqual([{ type: 'CUSTOMER_ID', start: 16, end: 27 }]);
  });

  it('(a+)+$ is accepted only because RE2 runs it in linear time: a 50 000-character adversarial input finishes', () => {
    // Prepare
    const patterns = [{ name: 'AS', pattern: '(a+)+$' }];
    const adversarial = `${'a'.repeat(50_000)}!`;
    // Act
    const problems = validateTenantPatterns(patterns);
    const result = createRedactor({ detectors: [], patterns }).redact(adversarial);
    // Assess
    expect(problems).toEqual([]);
    expect(result.text).toBe(adversarial);
  });

  it('a pattern that is not RE2 syntax is refused with its field path', () => {
    // Act
    const problems = validateTenantPatterns([
      { name: 'OK', pattern: 'ORDER-[0-9]+' },
      { name: 'BACKREF', pattern: '(a)\\1' },
      { name: 'LOOKBEHIND', pattern: '(?<=id:)[0-9]+' },
    ]);
    // Assess
    expect(problems.map((p) => p.path)).toEqual(['redaction.patterns.1.pattern', 'redaction.patterns.2.pattern']);
    expect(problems[0].message).toMatch(/^is not valid RE2 syntax: /);
  });

  it('a pattern that can match the empty string is refused: it would match everywhere', () => {
    expect(
      validateTenantPatterns([
        { name: 'EMPTY', pattern: 'x*' },
        { name: 'EDGE', pattern: '\\b' },
      ]),
    ).toEqual([
      { path: 'redaction.patterns.0.pattern', message: 'can match the empty string, so it would match everywhere' },
      { path: 'redaction.patterns.1.pattern', message: 'can match the empty string, so it would match everywhere' },
    ]);
  });

  it('a pattern that matches most of an ordinary sentence is refused: it would redact ordinary text', () => {
    expect(
      validateTenantPatterns([
        { name: 'WORDS', pattern: '\\w+' },
        { name: 'ALL', pattern: '.+' },
      ]).map((p) => p.message),
    ).toEqual([
      'matches most of an ordinary sentence, so it would redact ordinary text',
      'matches most of an ordinary sentence, so it would redact ordinary text',
    ]);
  });

  it('a pattern too big for RE2 to run cheaply is refused', () => {
    const [problem] = validateTenantPatterns([{ name: 'HUGE', pattern: '[a-z]{1,1000}[0-9]{1,1000}x{1,1000}' }]);
    expect(problem.message).toMatch(/^is too complex \(RE2 program size \d+, at most 2500\)$/);
  });

  it('saving a policy with a bad pattern fails with the pattern field named', () => {
    // Prepare
    const policy = inbentaPreset();
    policy.redaction = { patterns: [...(policy.redaction?.patterns ?? []), { name: 'BAD', pattern: '[unclosed' }] };
    // Act
    let error: unknown;
    try {
      parsePolicy(policy);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(LetheError);
    expect((error as LetheError).fields).toEqual([
      { path: 'redaction.patterns.1.pattern', message: expect.stringMatching(/^is not valid RE2 syntax/) },
    ]);
  });

  it('building a redactor from unsaved settings with a bad pattern is a 400, not a crash', () => {
    expect(() => createRedactor({ patterns: [{ name: 'BAD', pattern: '(' }] })).toThrow(LetheError);
  });
});

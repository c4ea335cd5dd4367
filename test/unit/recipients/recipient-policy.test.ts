import { presetPolicy } from '../../../functions/domain/policy/presets';
import { TenantPolicySchema } from '../../../functions/domain/policy/schema';
import { recipientProblems, type Recipient } from '../../../functions/domain/recipients/recipient';
import { fieldProblems } from '../../../functions/domain/validation';

const REF = 'rs_01JABCDEFGHJKMNPQRSTVWXYZ0';
const crm = (url: string, extra: Partial<Recipient> = {}): Recipient => ({
  name: 'crm',
  url,
  secretRef: REF,
  ...extra,
});

function problemsOf(recipients: unknown[]) {
  const base = presetPolicy('puzzel');
  const parsed = TenantPolicySchema.safeParse({
    ...base,
    subjectRequests: { ...base.subjectRequests, notifyRecipients: recipients },
  });
  return parsed.success ? [] : fieldProblems(parsed.error);
}

describe('the recipients a tenant policy names', () => {
  it('an https recipient with a secret reference is a valid policy; no recipients is the default', () => {
    // Act
    const problems = problemsOf([crm('https://crm.example.com/hooks/lethe')]);
    const defaults = TenantPolicySchema.parse(presetPolicy('puzzel')).subjectRequests.notifyRecipients;
    // Assess
    expect(problems).toEqual([]);
    expect(defaults).toEqual([]);
  });

  it('plain http, credentials in the URL, a bad name, a bad reference and a name given twice are each named', () => {
    // Act
    const problems = problemsOf([
      crm('http://crm.example.com/hooks'),
      crm('https://user:pass@crm.example.com/', { name: 'other' }),
      crm('https://crm.example.com/', { name: 'Big CRM', secretRef: 'my-secret' }),
      crm('https://crm.example.com/'),
    ]);
    // Assess
    expect(problems.map((p) => p.path).sort()).toEqual([
      'subjectRequests.notifyRecipients.0.url',
      'subjectRequests.notifyRecipients.1.url',
      'subjectRequests.notifyRecipients.2.name',
      'subjectRequests.notifyRecipients.2.secretRef',
      'subjectRequests.notifyRecipients.3.name',
    ]);
    expect(problems.find((p) => p.path.endsWith('0.url'))?.message).toMatch(/https/);
  });

  it('plain http to localhost passes the schema but only the local stack accepts it', () => {
    // Prepare
    const recipients = [crm('http://127.0.0.1:8080/hook'), crm('http://localhost/hook', { name: 'bot' })];
    const facts = (local: boolean) => ({ local, secretExists: () => true });
    // Act
    const schema = problemsOf(recipients);
    const inAws = recipientProblems(recipients, facts(false));
    const locally = recipientProblems(recipients, facts(true));
    // Assess
    expect(schema).toEqual([]);
    expect(inAws.map((p) => p.path)).toEqual([
      'subjectRequests.notifyRecipients.0.url',
      'subjectRequests.notifyRecipients.1.url',
    ]);
    expect(locally).toEqual([]);
  });

  it('a secret reference the tenant has no secret for is named', () => {
    // Act
    const problems = recipientProblems([crm('https://crm.example.com/')], { local: false, secretExists: () => false });
    // Assess
    expect(problems).toEqual([
      {
        path: 'subjectRequests.notifyRecipients.0.secretRef',
        message: 'is no secret of this tenant: create one with POST /v1/recipient-secrets',
      },
    ]);
  });
});

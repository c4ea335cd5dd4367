import * as z from 'zod';
import type { FieldProblem } from '../errors';

/**
 * A recipient the tenant's policy names (GDPR Art. 19: a channel platform, a CRM), told by a
 * signed webhook when a subject request erases, rectifies, restricts or objects. The secret that
 * signs its webhooks is made by `POST /v1/recipient-secrets` and kept wrapped by KMS; the policy
 * holds only its reference.
 */
export const SECRET_REF_PATTERN = /^rs_[0-9A-HJKMNP-TV-Z]{26}$/;
export const MAX_RECIPIENTS = 10;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** How a webhook URL may be reached: https anywhere, plain http only to this machine. */
export function webhookUrlKind(raw: string): 'https' | 'loopback-http' | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'must be an absolute URL' };
  }
  if (url.username || url.password) return { problem: 'must not carry credentials: the signature authenticates' };
  if (url.hash) return { problem: 'must not have a #fragment' };
  if (url.protocol === 'https:') return 'https';
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return 'loopback-http';
  return { problem: 'must use https (plain http only to localhost, on the local stack)' };
}

export const RecipientSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes, at most 40 characters'),
    url: z
      .string()
      .max(2000)
      .superRefine((url, ctx) => {
        const kind = webhookUrlKind(url);
        if (typeof kind === 'object') ctx.addIssue({ code: 'custom', message: kind.problem });
      }),
    secretRef: z.string().regex(SECRET_REF_PATTERN, 'must be a secretRef answered by POST /v1/recipient-secrets'),
  })
  .strict();
export type Recipient = z.infer<typeof RecipientSchema>;

export const RecipientsSchema = z
  .array(RecipientSchema)
  .max(MAX_RECIPIENTS, `name at most ${MAX_RECIPIENTS} recipients`)
  .superRefine((recipients, ctx) => {
    const seen = new Set<string>();
    recipients.forEach((r, index) => {
      if (seen.has(r.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: 'is named twice' });
      seen.add(r.name);
    });
  });

/** Where the policy keeps its recipients, for field paths. */
export const RECIPIENTS_PATH = 'subjectRequests.notifyRecipients';

/**
 * What a deployment refuses in recipients the schema accepts: plain http to localhost is for the
 * local stack only (a Lambda's localhost is itself), and every secret must exist for the tenant.
 */
export function recipientProblems(
  recipients: readonly Recipient[],
  facts: { local: boolean; secretExists: (secretRef: string) => boolean },
): FieldProblem[] {
  return recipients.flatMap((r, index): FieldProblem[] => [
    ...(!facts.local && webhookUrlKind(r.url) === 'loopback-http'
      ? [
          {
            path: `${RECIPIENTS_PATH}.${index}.url`,
            message: 'must use https: plain http to localhost only works locally',
          },
        ]
      : []),
    ...(facts.secretExists(r.secretRef)
      ? []
      : [
          {
            path: `${RECIPIENTS_PATH}.${index}.secretRef`,
            message: 'is no secret of this tenant: create one with POST /v1/recipient-secrets',
          },
        ]),
  ]);
}

/** The most hours a secret rotation's grace period may last (the old key signing alongside): a week. */
export const MAX_GRACE_HOURS = 168;

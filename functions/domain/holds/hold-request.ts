import * as z from 'zod';
import { IDENTIFIER_KINDS } from '../data-class';
import { validationFailed } from '../errors';
import { subjectKeysOf } from '../subject/subject-key';
import { parseOrThrow } from '../validation';
import type { HoldTarget } from './hold';

/** `POST /v1/holds`: either one interaction or a subject by its identifiers, and why. */
export const PlaceHoldSchema = z
  .object({
    interactionId: z.ulid('must be an interaction id (ULID)').optional(),
    identifiers: z
      .object(
        Object.fromEntries(IDENTIFIER_KINDS.map((k) => [k, z.string().min(1).max(254)])) as Record<
          (typeof IDENTIFIER_KINDS)[number],
          z.ZodString
        >,
      )
      .partial()
      .strict()
      .optional(),
    reason: z.string().trim().min(3, 'say why the data must be kept (at least 3 characters)').max(500),
  })
  .strict()
  .meta({ id: 'PlaceHold' });
export type PlaceHoldRequest = z.infer<typeof PlaceHoldSchema>;

/**
 * What a hold request covers: the interaction, or the subject keys of every identifier given
 * (normalised and hashed with the tenant secret, so the hold never stores an identifier in clear).
 * Exactly one of the two; every invalid identifier is named in one VALIDATION_FAILED.
 */
export function holdTargetOf(
  body: unknown,
  secret: Uint8Array,
  defaultCallingCode: string,
): { target: HoldTarget; reason: string; identifiers: Partial<Record<(typeof IDENTIFIER_KINDS)[number], string>> } {
  const request = parseOrThrow(PlaceHoldSchema, body, 'The hold');
  const identifiers = request.identifiers ?? {};
  const named = Object.values(identifiers).some((v) => v !== undefined && v.trim() !== '');
  if (Boolean(request.interactionId) === named)
    throw validationFailed(
      [{ path: '(root)', message: 'give either interactionId or identifiers, not both and not neither' }],
      'The hold is not valid.',
    );
  if (request.interactionId)
    return {
      target: { kind: 'interaction', interactionId: request.interactionId },
      reason: request.reason,
      identifiers,
    };
  return {
    target: { kind: 'subject', subjectKeys: subjectKeysOf(identifiers, secret, defaultCallingCode) },
    reason: request.reason,
    identifiers,
  };
}

import { InteractionIdSchema } from '../../domain/ingest/schemas';
import { validationFailed } from '../../domain/errors';

/** The `{id}` of a route: a ULID, or a 400 naming `id`. */
export function interactionIdOf(raw: string | undefined): string {
  const parsed = InteractionIdSchema.safeParse(raw);
  if (!parsed.success)
    throw validationFailed(
      [{ path: 'id', message: 'must be an interaction id (ULID)' }],
      'The interaction id is not valid.',
    );
  return parsed.data;
}

import type { JWTPayload } from 'jose';
import type { VerifiedAdminClaims } from '../../ports/admin-tokens';

/** The admin claims of a verified token, or an error naming the first claim that is missing or malformed. */
export function adminClaimsOf(payload: JWTPayload): VerifiedAdminClaims {
  const { sub, iat } = payload;
  const authTime = payload.auth_time;
  const tenant = payload['custom:tenant'];
  const group = payload['custom:group'];
  const groups = payload['cognito:groups'] ?? [];
  if (typeof sub !== 'string' || !sub) throw new Error('the token has no subject');
  if (typeof tenant !== 'string' || !tenant) throw new Error('the token names no tenant (custom:tenant)');
  if (group !== undefined && typeof group !== 'string') throw new Error('custom:group must be a string');
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string'))
    throw new Error('cognito:groups must be a list of names');
  if (typeof iat !== 'number') throw new Error('the token has no issue time (iat)');
  if (authTime !== undefined && typeof authTime !== 'number') throw new Error('auth_time must be a number');
  return {
    sub,
    iat,
    ...(authTime !== undefined ? { auth_time: authTime } : {}),
    'custom:tenant': tenant,
    ...(group !== undefined ? { 'custom:group': group } : {}),
    'cognito:groups': groups as string[],
  };
}

import { LocalAdminTokens } from '../../functions/adapters/auth/local-admin-tokens';
import { localTokenSecret } from '../../functions/cli/commands/token';
import { SettableClock } from '../../functions/domain/clock';
import { callApi, type ApiRequest, type ApiResponse } from '../support/api';

/** A staff user with any set of Cognito groups (`lethe token` signs one role only). */
export interface GroupsUser {
  tenantId: string;
  groups: string[];
  user: string;
  group?: string;
}

/** Calls the API with a token for `who`, signed as of the local stack's clock. */
export async function asGroups<T = Record<string, unknown>>(
  who: GroupsUser,
  path: string,
  request: ApiRequest = {},
): Promise<ApiResponse<T>> {
  const clock = await callApi<{ now: string }>('/_local/clock');
  const tokens = new LocalAdminTokens(localTokenSecret(process.env), new SettableClock(clock.body.now));
  const token = await tokens.issue(
    {
      sub: who.user,
      'custom:tenant': who.tenantId,
      'cognito:groups': who.groups,
      ...(who.group ? { 'custom:group': who.group } : {}),
    },
    3600,
  );
  return callApi<T>(path, { ...request, headers: { authorization: `Bearer ${token}`, ...request.headers } });
}

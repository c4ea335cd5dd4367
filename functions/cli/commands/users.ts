import { type Command, InvalidArgumentError } from 'commander';
import { ADMIN_ROLES, type AdminRole } from '../../domain/access/admin-roles';
import type { StaffProfile } from '../../domain/staff/staff-profile';
import { adminTokenFor } from '../admin-token';
import { LetheApiClient } from '../api-client';
import { jsonText, newTable } from '../output';

interface UsersOptions {
  tenant?: string;
  token?: string;
  json?: boolean;
}
interface RoleOptions extends UsersOptions {
  role: AdminRole;
  group?: string;
}

/** `--role`: a usage error (exit 2) naming the roles, before anything is sent. */
function roleOption(value: string): AdminRole {
  const role = ADMIN_ROLES.find((r) => r === value);
  if (!role) throw new InvalidArgumentError(`must be one of ${ADMIN_ROLES.join(', ')}`);
  return role;
}

const ROLES = `one of ${ADMIN_ROLES.join(', ')}`;
const staffPath = (userId: string, action = '') => `/v1/staff/${encodeURIComponent(userId)}${action}`;

/**
 * `lethe users list|create|set-role|disable|delete`: the tenant's staff profiles through the staff
 * API (admins only). Against AWS the admin signed in with `lethe login` acts in their own tenant;
 * against the local stack `--tenant` names it and the CLI signs an admin token.
 */
export function register(program: Command): void {
  const users = program.command('users').description("A tenant's staff users: invite, list, move, disable, delete.");
  const command = (spec: string, description: string) =>
    users
      .command(spec)
      .description(description)
      .option('--tenant <tenantId>', "the tenant (local stack; in AWS the signed-in admin's own)")
      .option('--token <jwt>', 'admin token (else LETHE_ADMIN_TOKEN, `lethe login` in AWS, or a local one)')
      .option('--json', 'print JSON instead of a table');

  command('list', "List the tenant's staff users.").action(async (o: UsersOptions) => {
    const { items } = await staffCall<{ items: StaffProfile[] }>(o, 'GET', '/v1/staff');
    print(o.json ? jsonText({ items }) : staffTable(items));
  });
  command('create <email>', 'Invite a staff user (Cognito e-mails them a temporary password).')
    .requiredOption('--role <role>', ROLES, roleOption)
    .option('--group <group>', "the agent group a manager manages (one of the policy's groups)")
    .action(async (email: string, o: RoleOptions) =>
      printProfile(o, await staffCall(o, 'POST', '/v1/staff', { email, role: o.role, group: o.group })),
    );
  command('set-role <userId>', 'Move a staff user to another role (and agent group).')
    .requiredOption('--role <role>', ROLES, roleOption)
    .option('--group <group>', 'the agent group (a manager needs one); left out: none')
    .action(async (userId: string, o: RoleOptions) =>
      printProfile(o, await staffCall(o, 'PUT', staffPath(userId, '/role'), { role: o.role, group: o.group })),
    );
  command('disable <userId>', 'Disable a staff user: they can no longer sign in.').action(
    async (userId: string, o: UsersOptions) =>
      printProfile(o, await staffCall(o, 'POST', staffPath(userId, '/disable'))),
  );
  command('delete <userId>', 'Delete a staff user from the user directory.').action(
    async (userId: string, o: UsersOptions) => {
      const deleted = await staffCall<{ userId: string }>(o, 'DELETE', staffPath(userId));
      print(o.json ? jsonText(deleted) : `deleted staff user ${deleted.userId}\n`);
    },
  );
}

/** One call of the staff API with the admin token of admin-token.ts. */
async function staffCall<T = StaffProfile>(o: UsersOptions, method: string, path: string, body?: unknown): Promise<T> {
  const client = new LetheApiClient();
  const token = await adminTokenFor(client, { token: o.token, tenant: o.tenant, role: 'admin' });
  return client.request<T>(method, path, { token, body, ...(o.tenant ? { tenant: o.tenant } : {}) });
}

const print = (text: string): void => {
  process.stdout.write(text);
};
const printProfile = (o: UsersOptions, profile: StaffProfile): void =>
  print(o.json ? jsonText(profile) : staffTable([profile]));

/** Staff profiles as a table; the e-mail is shown to the admin who asked, as the console shows it. */
export function staffTable(profiles: StaffProfile[]): string {
  const table = newTable(['user id', 'e-mail', 'role', 'group', 'enabled', 'status', 'created']);
  for (const p of profiles)
    table.push([p.userId, p.email, p.role ?? '', p.group ?? '', p.enabled ? 'yes' : 'no', p.status, p.createdAt]);
  return `${table.toString()}\n`;
}

import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN_ROLES, type AdminRole } from '../../domain/access/admin-roles';
import type { NewStaffProfile, StaffProfile } from '../../domain/staff/staff-profile';
import { StaffEmailTaken, type UserDirectory } from '../../ports/user-directory';

const TENANT = 'custom:tenant';
const GROUP = 'custom:group';

/**
 * Staff users in the Cognito user pool (infra/constructs/admin-user-pool.ts): the e-mail is the
 * sign-in name, the tenant and agent group are the custom attributes the authorizer reads, the role
 * is the Cognito group. Users are addressed by `sub`, which the pool uses as their username.
 * Custom attributes cannot be filtered on, so a tenant's listing reads the pool page by page.
 * Disabling a user or changing their role also signs them out everywhere: their refresh tokens stop
 * working, so no new ID token carries the old standing (the authorizer refuses the ones issued).
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async create(profile: NewStaffProfile): Promise<StaffProfile> {
    const UserAttributes: AttributeType[] = [
      { Name: 'email', Value: profile.email.toLowerCase() },
      { Name: 'email_verified', Value: 'true' },
      { Name: TENANT, Value: profile.tenantId },
      ...(profile.group ? [{ Name: GROUP, Value: profile.group }] : []),
    ];
    const created = await this.cognito
      .send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: profile.email.toLowerCase(),
          UserAttributes,
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      )
      .catch((error: unknown) => {
        throw (error as Error).name === 'UsernameExistsException' ? new StaffEmailTaken() : error;
      });
    const user = created.User ?? {};
    const userId = attribute(user.Attributes, 'sub') ?? user.Username ?? '';
    // A user without their role would be a half-made profile: take them out again.
    await this.joinGroup(userId, profile.role).catch(async (error: unknown) => {
      await this.delete(userId);
      throw error;
    });
    return profileOf(user, profile.role);
  }

  async list(tenantId: string): Promise<StaffProfile[]> {
    const roles = await this.rolesOfPool();
    const users: StaffProfile[] = [];
    let PaginationToken: string | undefined;
    do {
      const page = await this.cognito.send(new ListUsersCommand({ UserPoolId: this.userPoolId, PaginationToken }));
      for (const user of page.Users ?? [])
        if (attribute(user.Attributes, TENANT) === tenantId)
          users.push(profileOf(user, roles.get(user.Username ?? '')));
      PaginationToken = page.PaginationToken;
    } while (PaginationToken);
    return users.sort((a, b) => a.email.localeCompare(b.email));
  }

  async get(userId: string): Promise<StaffProfile | undefined> {
    const user = await this.cognito
      .send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: userId }))
      .catch((error: unknown) => {
        if ((error as Error).name === 'UserNotFoundException') return undefined;
        throw error;
      });
    if (!user) return undefined;
    const groups = await this.groupsOf(userId);
    return profileOf(
      {
        Username: user.Username,
        Attributes: user.UserAttributes,
        Enabled: user.Enabled,
        UserStatus: user.UserStatus,
        UserCreateDate: user.UserCreateDate,
      },
      ADMIN_ROLES.find((r) => groups.includes(r)),
    );
  }

  async setRole(userId: string, role: AdminRole, group: string | undefined): Promise<StaffProfile> {
    await this.joinGroup(userId, role);
    for (const other of (await this.groupsOf(userId)).filter((g) => g !== role && isRole(g)))
      await this.cognito.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: userId, GroupName: other }),
      );
    const user = { UserPoolId: this.userPoolId, Username: userId };
    if (group)
      await this.cognito.send(
        new AdminUpdateUserAttributesCommand({ ...user, UserAttributes: [{ Name: GROUP, Value: group }] }),
      );
    else await this.cognito.send(new AdminDeleteUserAttributesCommand({ ...user, UserAttributeNames: [GROUP] }));
    await this.signOut(userId);
    return this.existing(userId);
  }

  async disable(userId: string): Promise<StaffProfile> {
    await this.cognito.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
    await this.signOut(userId);
    return this.existing(userId);
  }

  async delete(userId: string): Promise<void> {
    await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  private async existing(userId: string): Promise<StaffProfile> {
    const user = await this.get(userId);
    if (!user) throw new RangeError(`no staff user ${userId}`);
    return user;
  }

  private signOut(userId: string) {
    return this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: userId }));
  }

  private joinGroup(userId: string, role: AdminRole) {
    return this.cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: userId, GroupName: role }),
    );
  }

  private async groupsOf(userId: string): Promise<string[]> {
    const groups: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.cognito.send(
        new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: userId, NextToken }),
      );
      groups.push(...(page.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])));
      NextToken = page.NextToken;
    } while (NextToken);
    return groups;
  }

  /** Username → role, the first in ADMIN_ROLES order for a user in several groups (as the authorizer reads them). */
  private async rolesOfPool(): Promise<Map<string, AdminRole>> {
    const roles = new Map<string, AdminRole>();
    for (const role of [...ADMIN_ROLES].reverse()) {
      let NextToken: string | undefined;
      do {
        const page = await this.cognito.send(
          new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, NextToken }),
        );
        for (const user of page.Users ?? []) if (user.Username) roles.set(user.Username, role);
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return roles;
  }
}

const isRole = (group: string): group is AdminRole => (ADMIN_ROLES as readonly string[]).includes(group);
const attribute = (attributes: AttributeType[] | undefined, name: string) =>
  attributes?.find((a) => a.Name === name)?.Value;

function profileOf(user: UserType, role: AdminRole | undefined): StaffProfile {
  const group = attribute(user.Attributes, GROUP);
  return {
    userId: attribute(user.Attributes, 'sub') ?? user.Username ?? '',
    tenantId: attribute(user.Attributes, TENANT) ?? '',
    email: attribute(user.Attributes, 'email') ?? '',
    ...(role ? { role } : {}),
    ...(group ? { group } : {}),
    enabled: user.Enabled ?? true,
    status: user.UserStatus ?? 'UNKNOWN',
    createdAt: (user.UserCreateDate ?? new Date(0)).toISOString(),
  };
}

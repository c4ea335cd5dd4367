import { createHash, randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AdminRole } from '../../domain/access/admin-roles';
import { newStaffProfile, type NewStaffProfile, type StaffProfile } from '../../domain/staff/staff-profile';
import type { Clock } from '../../ports/clock';
import { StaffEmailTaken, type UserDirectory } from '../../ports/user-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { conditional } from './write-conflict';

const STAFF = 'STAFF';
const STAFF_EMAIL = 'STAFFEMAIL';
/** The e-mail claim is keyed by a hash, so no e-mail is a key of the table. */
const emailKey = (email: string) => ({ pk: STAFF_EMAIL, sk: createHash('sha256').update(email).digest('hex') });

/**
 * The local stack's user pool: staff users in the directory table (DynamoDB Local), with the
 * behaviour of CognitoUserDirectory (unique e-mails, one Lethe group each, disable keeps the
 * profile). Local sign-in stays `lethe token`; in AWS the pool itself holds staff.
 */
export class DynamoUserDirectory implements UserDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async create(profile: NewStaffProfile): Promise<StaffProfile> {
    const email = profile.email.toLowerCase();
    const user = newStaffProfile(profile, randomUUID(), this.clock.now());
    const absent = 'attribute_not_exists(pk)';
    await conditional('staff user', () =>
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...emailKey(email), userId: user.userId },
                ConditionExpression: absent,
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: STAFF, sk: user.userId, ...user },
                ConditionExpression: absent,
              },
            },
          ],
        }),
      ),
    ).catch((error: unknown) => {
      throw error instanceof WriteConflict ? new StaffEmailTaken() : error;
    });
    return user;
  }

  async list(tenantId: string): Promise<StaffProfile[]> {
    const users: StaffProfile[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'tenantId = :tenant',
          ExpressionAttributeValues: { ':pk': STAFF, ':tenant': tenantId },
          ExclusiveStartKey,
        }),
      );
      users.push(...(page.Items ?? []).map(profileOf));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return users.sort((a, b) => a.email.localeCompare(b.email));
  }

  async get(userId: string): Promise<StaffProfile | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: STAFF, sk: userId } }),
    );
    return Item && profileOf(Item);
  }

  async setRole(userId: string, role: AdminRole, group: string | undefined): Promise<StaffProfile> {
    return this.update(
      userId,
      group ? 'SET #role = :role, #group = :group' : 'SET #role = :role REMOVE #group',
      { '#role': 'role', '#group': 'group' },
      { ':role': role, ...(group ? { ':group': group } : {}) },
    );
  }

  async disable(userId: string): Promise<StaffProfile> {
    return this.update(userId, 'SET enabled = :no', {}, { ':no': false });
  }

  async delete(userId: string): Promise<void> {
    const user = await this.get(userId);
    if (!user) throw new RangeError(`no staff user ${userId}`);
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: { pk: STAFF, sk: userId } } },
          { Delete: { TableName: this.tableName, Key: emailKey(user.email) } },
        ],
      }),
    );
  }

  private async update(
    userId: string,
    UpdateExpression: string,
    names: Record<string, string>,
    ExpressionAttributeValues: Record<string, unknown>,
  ): Promise<StaffProfile> {
    const { Attributes } = await conditional('staff user', () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: STAFF, sk: userId },
          UpdateExpression,
          ConditionExpression: 'attribute_exists(pk)',
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    ).catch((error: unknown) => {
      throw error instanceof WriteConflict ? new RangeError(`no staff user ${userId}`) : error;
    });
    return profileOf(Attributes ?? {});
  }
}

function profileOf(item: Record<string, unknown>): StaffProfile {
  const { pk: _pk, sk: _sk, ...profile } = item;
  return profile as unknown as StaffProfile;
}

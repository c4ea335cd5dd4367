import { randomUUID } from 'node:crypto';
import type { AdminRole } from '../../domain/access/admin-roles';
import { newStaffProfile, type NewStaffProfile, type StaffProfile } from '../../domain/staff/staff-profile';
import type { Clock } from '../../ports/clock';
import { StaffEmailTaken, type UserDirectory } from '../../ports/user-directory';

/** The user pool held in memory: the twin of the Cognito and directory-table adapters for use-case tests. */
export class InMemoryUserDirectory implements UserDirectory {
  private readonly users = new Map<string, StaffProfile>();

  constructor(private readonly clock: Clock) {}

  async create(profile: NewStaffProfile): Promise<StaffProfile> {
    const email = profile.email.toLowerCase();
    if ([...this.users.values()].some((u) => u.email === email)) throw new StaffEmailTaken();
    const user = newStaffProfile(profile, randomUUID(), this.clock.now());
    this.users.set(user.userId, user);
    return { ...user };
  }

  async list(tenantId: string): Promise<StaffProfile[]> {
    return [...this.users.values()]
      .filter((u) => u.tenantId === tenantId)
      .sort((a, b) => a.email.localeCompare(b.email))
      .map((u) => ({ ...u }));
  }

  async get(userId: string): Promise<StaffProfile | undefined> {
    const user = this.users.get(userId);
    return user && { ...user };
  }

  async setRole(userId: string, role: AdminRole, group: string | undefined): Promise<StaffProfile> {
    const { group: _previous, ...user } = this.existing(userId);
    return this.put({ ...user, role, ...(group ? { group } : {}) });
  }

  async disable(userId: string): Promise<StaffProfile> {
    return this.put({ ...this.existing(userId), enabled: false });
  }

  async delete(userId: string): Promise<void> {
    this.existing(userId);
    this.users.delete(userId);
  }

  private existing(userId: string): StaffProfile {
    const user = this.users.get(userId);
    if (!user) throw new RangeError(`no staff user ${userId}`);
    return user;
  }

  private put(user: StaffProfile): StaffProfile {
    this.users.set(user.userId, user);
    return { ...user };
  }
}

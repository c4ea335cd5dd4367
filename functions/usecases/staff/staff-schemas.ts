import * as z from 'zod';
import { ADMIN_ROLES, type AdminRole } from '../../domain/access/admin-roles';

const RoleSchema = z.enum(ADMIN_ROLES as readonly [AdminRole, ...AdminRole[]], {
  error: `must be one of ${ADMIN_ROLES.join(', ')}`,
});
const GroupSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'must be the id of one of the policy groups')
  .optional();

export const NewStaffSchema = z
  .object({
    email: z.email({ error: 'must be an e-mail address' }).max(254),
    role: RoleSchema,
    group: GroupSchema,
  })
  .strict()
  .meta({ id: 'NewStaffProfile' });

export const StaffRoleChangeSchema = z
  .object({ role: RoleSchema, group: GroupSchema })
  .strict()
  .meta({ id: 'StaffRoleChange' });

export const StaffProfileSchema = z
  .object({
    userId: z.string().describe('the directory id (Cognito sub): the audit log names the user by it'),
    tenantId: z.string(),
    email: z.string(),
    role: RoleSchema.optional().describe('absent while the user is in no Lethe group'),
    group: z.string().optional(),
    enabled: z.boolean().describe('false once disabled: the user can no longer sign in'),
    status: z.string().describe("the directory's user status, e.g. FORCE_CHANGE_PASSWORD until the first sign-in"),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffProfile' });

export const StaffListSchema = z.object({ items: z.array(StaffProfileSchema) }).meta({ id: 'StaffList' });

export const StaffDeletedSchema = z
  .object({ userId: z.string(), deleted: z.literal(true) })
  .meta({ id: 'StaffDeleted' });

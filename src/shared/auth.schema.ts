import { z } from 'zod';
import { emailSchema, idSchema, passwordSchema } from './common.schema';
import { AREAS, permissionMatrixSchema } from './permissions';

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
});

export const twoFactorBodySchema = z.strictObject({
  code: z.string().trim().min(6, 'must be a 6-digit code or a recovery code').max(40),
});

export const meSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  departmentId: idSchema.nullable(),
  departmentName: z.string().nullable(),
  roleId: idSchema,
  roleKey: z.string(),
  roleName: z.string(),
  permissions: permissionMatrixSchema,
  areas: z.array(z.enum(AREAS)),
  twoFactorEnabled: z.boolean(),
  theme: z.enum(['light', 'dark', 'auto']),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({
  user: meSchema,
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const loginResultSchema = z.union([
  z.object({ status: z.literal('ok'), session: sessionSchema }),
  // The pending session's CSRF token: the code step is a cookie-authenticated POST like any other.
  z.object({ status: z.literal('two_factor_required'), csrfToken: z.string() }),
]);
export type LoginResult = z.infer<typeof loginResultSchema>;

export const demoAccountsSchema = z.object({
  demo: z.boolean(),
  accounts: z.array(z.object({ role: z.string(), email: z.string(), password: z.string() })),
  companyName: z.string(),
});

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export const passwordResetConfirmSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: passwordSchema,
});
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: passwordSchema,
});

export const profileUpdateSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(120).optional(),
  theme: z.enum(['light', 'dark', 'auto']).optional(),
});

export const twoFactorSetupSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});
export const twoFactorEnableSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be 6 digits'),
});
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const twoFactorDisableSchema = z.strictObject({ password: z.string().min(1, 'is required').max(200) });

export const API_TOKEN_SCOPES = ['api', 'ingest'] as const;
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(80),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1).default(['api']),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export const apiTokenCreatedSchema = z.object({ token: apiTokenSchema, secret: z.string() });

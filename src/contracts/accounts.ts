import { z } from 'zod';
import { LANGUAGES } from './languages.ts';

/** Zod schemas of the accounts API, shared by the server and the web app. */

export const ROLES = ['administrator', 'programme_officer', 'partner', 'donor', 'member_state_official'] as const;
export const roleSchema = z.enum(ROLES).describe('Role of the user');

/** Which scope each role needs: a country (participant), an organisation, either, or none. The server enforces it; forms follow it. */
export const ROLE_SCOPE: Record<(typeof ROLES)[number], 'none' | 'participant' | 'organization' | 'either'> = {
  administrator: 'none',
  programme_officer: 'organization',
  partner: 'organization',
  donor: 'either',
  member_state_official: 'participant',
};
export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address')
  .describe('Email address');
export const passwordSchema = z
  .string()
  .min(1, 'is required')
  .max(256)
  .describe('Password: at least 12 characters, not a common one');

export const userSchema = z.object({
  id: z.string().describe('User id (UUID)'),
  email: z.string(),
  displayName: z.string(),
  preferredLanguage: z.string().describe('One of ar, zh, en, fr, ru, es'),
  status: z.enum(['invited', 'active', 'disabled']),
  role: roleSchema,
  participantId: z.string().nullable().describe('Country a member-state official or state donor acts for (ISO3)'),
  organizationId: z.string().nullable().describe('Organization of a partner, programme officer or donor'),
  donorId: z
    .string()
    .nullable()
    .describe(
      "Donor record (programme) of a donor user: it reads what that donor's contributions funded; null: it reads no funding data",
    ),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable().describe('Set when the user was deleted (restorable)'),
});

export const sessionInfoSchema = z.object({
  user: userSchema.nullable().describe('The signed-in user, or null'),
  csrfToken: z.string().nullable().describe('Send as X-CSRF-Token with every write made with the session cookie'),
  singleSignOn: z.boolean().describe('Whether sign-in through the organization (OpenID Connect) is configured'),
});

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'is required').max(320).describe('Email address'),
  password: passwordSchema,
});
export const languageSchema = z.enum(LANGUAGES);

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['un', 'partner', 'donor', 'government', 'other']),
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  scope: z.enum(['read', 'read-write']),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  clientAddress: z.string().nullable(),
  method: z.string().describe('password or oidc'),
  current: z.boolean().describe('The session of this request'),
});

export const auditRecordSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
});

export const outboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  status: z.string().describe('queued (no SMTP configured), sent or failed'),
  error: z.string().nullable(),
});

export type User = z.infer<typeof userSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type OutboxMail = z.infer<typeof outboxMailSchema>;

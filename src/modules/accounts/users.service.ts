import { eq } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import { inTransaction, type Db } from '../../db/client.ts';
import { isoTimestamp, type Clock } from '../../lib/dates.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import { emailTaken, invalidInput, linkInvalid, notFoundUser, passwordRejected } from './accounts.errors.ts';
import * as repo from './accounts.repository.ts';
import { oneTimeTokens, users, type Role, type UserRow, type UserStatus } from './accounts.table.ts';
import type { Mailer } from './mail.ts';
import { renderMail } from './mail.templates.ts';
import { ROLE_SCOPE } from './policy.ts';
import { because, type FieldProblem } from '../../lib/errors.ts';
import { hashPassword, hashToken, passwordProblem, randomToken, verifyPassword } from './secrets.ts';
import { findParticipantId } from '../participants/participants.repository.ts';

export const INVITATION_DAYS = 7;
export const RESET_HOURS = 2;

/** What the API shows of a user: never the password hash. */
export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    preferredLanguage: user.preferredLanguage,
    status: user.status as UserStatus,
    role: user.role as Role,
    participantId: user.participantId,
    organizationId: user.organizationId,
    donorId: user.donorId,
    lastSignInAt: isoTimestamp(user.lastSignInAt),
    createdAt: isoTimestamp(user.createdAt),
    updatedAt: isoTimestamp(user.updatedAt),
    deletedAt: isoTimestamp(user.deletedAt),
  };
}
export type PresentedUser = ReturnType<typeof presentUser>;

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  context: AuditContext;
}

interface Scope {
  role: Role;
  participantId: string | null;
  organizationId: string | null;
  donorId: string | null;
}

/** A role needs its scope: an official a country, a partner or programme officer an organisation. */
async function checkScope(db: Db, scope: Scope) {
  const need = ROLE_SCOPE[scope.role];
  const problems: FieldProblem[] = [];
  if (need === 'participant' && !scope.participantId)
    problems.push({
      field: 'participantId',
      ...because('scope_participant_required', 'a member-state official acts for one country: give its ISO3 code'),
    });
  if (need === 'organization' && !scope.organizationId)
    problems.push({
      field: 'organizationId',
      ...because('scope_organization_required', `a ${scope.role.replace('_', ' ')} belongs to an organization`, {
        role: scope.role,
      }),
    });
  if (need === 'either' && !scope.organizationId && !scope.participantId)
    problems.push({
      field: 'organizationId',
      ...because('scope_donor_needs_one', 'a donor is an organization or a state: give one of them'),
    });
  if (need === 'none' && (scope.participantId || scope.organizationId))
    problems.push({
      field: 'role',
      ...because('scope_admin_unscoped', 'an administrator has no country or organization scope'),
    });
  if (scope.participantId && !(await findParticipantId(db, scope.participantId)))
    problems.push({
      field: 'participantId',
      ...because('unknown_participant', `no participant has the code ${scope.participantId}`, {
        value: scope.participantId,
      }),
    });
  if (scope.organizationId) {
    const organization = await repo.findOrganization(db, scope.organizationId);
    if (!organization || organization.deletedAt)
      problems.push({ field: 'organizationId', ...because('unknown_organization', 'no such organization') });
  }
  if (scope.donorId) {
    if (scope.role !== 'donor')
      problems.push({
        field: 'donorId',
        ...because('only_donor_linked', 'only a donor user is linked to a donor record'),
      });
    else if (!(await repo.donorExists(db, scope.donorId)))
      problems.push({ field: 'donorId', ...because('unknown_donor', 'no such donor record') });
  }
  if (problems.length) throw invalidInput('The role and its scope do not fit.', problems);
}

function checkPassword(password: string, field = 'password') {
  const problem = passwordProblem(password);
  if (problem) throw passwordRejected(field, problem);
}

const addHours = (clock: Clock, hours: number) => new Date(clock.now().getTime() + hours * 3_600_000).toISOString();

async function issueLink({
  db,
  clock,
  mailer,
  publicUrl,
  user,
  purpose,
  inviter,
}: Omit<AccountsDeps, 'context'> & { user: UserRow; purpose: 'invitation' | 'password_reset'; inviter?: string }) {
  const now = clock.now().toISOString();
  await repo.expireOneTimeTokens(db, user.id, purpose, now);
  const token = randomToken();
  const expiresAt = addHours(clock, purpose === 'invitation' ? INVITATION_DAYS * 24 : RESET_HOURS);
  await db
    .insert(oneTimeTokens)
    .values({ userId: user.id, purpose, tokenHash: hashToken(token), createdAt: now, expiresAt });
  const page = purpose === 'invitation' ? 'accept-invitation' : 'reset-password';
  // The page opens in the mail's language.
  const link = `${publicUrl}/${page}?token=${encodeURIComponent(token)}&lang=${user.preferredLanguage}`;
  const mail = renderMail(purpose === 'invitation' ? 'invitation' : 'passwordReset', user.preferredLanguage, {
    name: user.displayName,
    inviter: inviter ?? 'Lexpact',
    link,
    expires: expiresAt.slice(0, 16).replace('T', ' ') + ' UTC',
  });
  return mailer.queue(db, { to: user.email, ...mail }, now);
}

export interface InviteInput {
  email: string;
  displayName: string;
  role: Role;
  participantId?: string | null | undefined;
  organizationId?: string | null | undefined;
  /** A donor's donor record; without it the donor reads nothing until an administrator sets it. */
  donorId?: string | null | undefined;
  preferredLanguage?: string | undefined;
}

/** Creates an invited user and mails them a one-time link to choose a password. */
export async function inviteUser(deps: AccountsDeps & { input: InviteInput }) {
  const { db, clock, context, input } = deps;
  const scope = {
    role: input.role,
    participantId: input.participantId?.toUpperCase() ?? null,
    organizationId: input.organizationId ?? null,
    donorId: input.donorId ?? null,
  };
  const result = await inTransaction(db, async (tx) => {
    const existing = await repo.findUserByEmail(tx, input.email);
    if (existing) throw emailTaken(existing.deletedAt !== null);
    await checkScope(tx, scope);
    const now = clock.now().toISOString();
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.trim(),
        displayName: input.displayName.trim(),
        preferredLanguage: input.preferredLanguage ?? 'en',
        status: 'invited',
        ...scope,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const mailId = await issueLink({
      ...deps,
      db: tx,
      user: user!,
      purpose: 'invitation',
      inviter: context.actorLabel,
    });
    await recordAudit(
      tx,
      context,
      { action: 'user.invite', entityType: 'user', entityId: user!.id, after: presentUser(user!) },
      now,
    );
    return { user: user!, mailId };
  });
  await deps.mailer.deliver(db, result.mailId);
  return { user: presentUser(result.user) };
}

export async function resendInvitation(deps: AccountsDeps & { userId: string }) {
  const { db, clock, context } = deps;
  const mailId = await inTransaction(db, async (tx) => {
    const user = await repo.findUserById(tx, deps.userId);
    if (!user || user.deletedAt) throw notFoundUser();
    if (user.status !== 'invited')
      throw invalidInput('This user has already accepted the invitation.', [
        { field: 'status', ...because('user_status', `the user is ${user.status}`, { status: user.status }) },
      ]);
    const id = await issueLink({ ...deps, db: tx, user, purpose: 'invitation', inviter: context.actorLabel });
    await recordAudit(
      tx,
      context,
      { action: 'user.invitation_resent', entityType: 'user', entityId: user.id },
      clock.now().toISOString(),
    );
    return id;
  });
  await deps.mailer.deliver(db, mailId);
}

async function consumeLink(db: Db, clock: Clock, token: string, purpose: string): Promise<UserRow> {
  const link = await repo.findOneTimeToken(db, hashToken(token));
  const now = clock.now().toISOString();
  if (!link || link.purpose !== purpose || link.usedAt || link.expiresAt <= now) throw linkInvalid();
  const user = await repo.findUserById(db, link.userId);
  if (!user || user.deletedAt) throw linkInvalid();
  await db.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, link.id));
  return user;
}

/** The invitee chooses a password through the one-time link; the account becomes active. */
export async function acceptInvitation({
  db,
  clock,
  context,
  token,
  password,
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & { token: string; password: string }) {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const user = await consumeLink(tx, clock, token, 'invitation');
    if (user.status !== 'invited') throw linkInvalid();
    const now = clock.now().toISOString();
    const [updated] = await tx
      .update(users)
      .set({ status: 'active', passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, user.id))
      .returning();
    await recordAudit(
      tx,
      { ...context, actorUserId: user.id, actorLabel: user.email },
      {
        action: 'user.accept_invitation',
        entityType: 'user',
        entityId: user.id,
        before: presentUser(user),
        after: presentUser(updated!),
      },
      now,
    );
    return presentUser(updated!);
  });
}

/** Mails a reset link to an active account; says nothing about whether the address exists. */
export async function requestPasswordReset(deps: AccountsDeps & { email: string }) {
  const { db, clock, context } = deps;
  const mailId = await inTransaction(db, async (tx) => {
    const user = await repo.findUserByEmail(tx, deps.email);
    if (!user || user.status !== 'active' || user.deletedAt) return null;
    const id = await issueLink({ ...deps, db: tx, user, purpose: 'password_reset' });
    await recordAudit(
      tx,
      context,
      { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id },
      clock.now().toISOString(),
    );
    return id;
  });
  if (mailId) await deps.mailer.deliver(db, mailId);
}

/** Sets a new password through a reset link and ends every session of the account. */
export async function completePasswordReset({
  db,
  clock,
  context,
  token,
  password,
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & { token: string; password: string }) {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (tx) => {
    const user = await consumeLink(tx, clock, token, 'password_reset');
    const now = clock.now().toISOString();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await repo.revokeSessions(tx, user.id, now);
    await recordAudit(
      tx,
      { ...context, actorUserId: user.id, actorLabel: user.email },
      { action: 'user.password_reset', entityType: 'user', entityId: user.id },
      now,
    );
  });
}

export async function changeOwnPassword({
  db,
  clock,
  context,
  userId,
  sessionId,
  currentPassword,
  newPassword,
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & {
  userId: string;
  sessionId: string | null;
  currentPassword: string;
  newPassword: string;
}) {
  const user = await repo.findUserById(db, userId);
  if (!user) throw notFoundUser();
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw invalidInput('The current password is not right.', [
      { field: 'currentPassword', ...because('password_mismatch', 'does not match') },
    ]);
  }
  checkPassword(newPassword, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, userId));
    // Other sessions may be someone else's: a new password ends them.
    await repo.revokeSessions(tx, userId, now, sessionId ?? undefined);
    await recordAudit(tx, context, { action: 'user.password_change', entityType: 'user', entityId: userId }, now);
  });
}

export async function updateOwnProfile({
  db,
  clock,
  context,
  userId,
  changes,
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & {
  userId: string;
  changes: { displayName?: string | undefined; preferredLanguage?: string | undefined };
}) {
  return inTransaction(db, async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before) throw notFoundUser();
    const now = clock.now().toISOString();
    const [after] = await tx
      .update(users)
      .set({ ...definedOnly(changes), updatedAt: now })
      .where(eq(users.id, userId))
      .returning();
    await recordAudit(
      tx,
      context,
      {
        action: 'user.update',
        entityType: 'user',
        entityId: userId,
        before: presentUser(before),
        after: presentUser(after!),
      },
      now,
    );
    return presentUser(after!);
  });
}

const definedOnly = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export interface AdminChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  participantId?: string | null | undefined;
  organizationId?: string | null | undefined;
  donorId?: string | null | undefined;
  status?: 'active' | 'disabled' | undefined;
  preferredLanguage?: string | undefined;
}

/** An administrator changes a user; a change of role or scope is audited as such; disabling ends sessions and tokens. */
export async function updateUser({
  db,
  clock,
  context,
  userId,
  changes,
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & { userId: string; changes: AdminChanges }) {
  return inTransaction(db, async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before || before.deletedAt) throw notFoundUser();
    if (
      context.actorUserId === userId &&
      ((changes.role && changes.role !== before.role) || changes.status === 'disabled')
    ) {
      throw invalidInput('Administrators cannot change their own role or disable themselves.', [
        { field: changes.role ? 'role' : 'status', ...because('not_own_account', 'not for your own account') },
      ]);
    }
    if (changes.status === 'active' && before.status === 'invited') {
      throw invalidInput('An invited user becomes active by accepting the invitation.', [
        { field: 'status', ...because('invitation_pending', 'the user has not accepted the invitation yet') },
      ]);
    }
    const role = changes.role ?? (before.role as Role);
    const scope = {
      role,
      participantId:
        changes.participantId !== undefined ? (changes.participantId?.toUpperCase() ?? null) : before.participantId,
      organizationId: changes.organizationId !== undefined ? changes.organizationId : before.organizationId,
      // A user who stops being a donor drops the link without being asked to clear it.
      donorId: changes.donorId !== undefined ? changes.donorId : role === 'donor' ? before.donorId : null,
    };
    await checkScope(tx, scope);
    const now = clock.now().toISOString();
    const [after] = await tx
      .update(users)
      .set({
        ...definedOnly({
          displayName: changes.displayName,
          status: changes.status,
          preferredLanguage: changes.preferredLanguage,
        }),
        ...scope,
        updatedAt: now,
      })
      .where(eq(users.id, userId))
      .returning();
    if (changes.status === 'disabled') {
      await repo.revokeSessions(tx, userId, now);
      await repo.revokeApiTokensOf(tx, userId, now);
    }
    const scopeChanged =
      before.role !== scope.role ||
      before.participantId !== scope.participantId ||
      before.organizationId !== scope.organizationId ||
      before.donorId !== scope.donorId;
    await recordAudit(
      tx,
      context,
      {
        action: scopeChanged ? 'user.role_change' : 'user.update',
        entityType: 'user',
        entityId: userId,
        before: presentUser(before),
        after: presentUser(after!),
      },
      now,
    );
    return presentUser(after!);
  });
}

/** Soft delete: hidden from lists, sessions and tokens ended, restorable by an administrator. */
export async function deleteUser({
  db,
  clock,
  context,
  userId,
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & { userId: string }) {
  if (context.actorUserId === userId)
    throw invalidInput('You cannot delete your own account.', [
      { field: 'id', ...because('own_account', 'your own account') },
    ]);
  return inTransaction(db, async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before || before.deletedAt) throw notFoundUser();
    const now = clock.now().toISOString();
    const [after] = await tx
      .update(users)
      .set({ deletedAt: now, updatedAt: now })
      .where(eq(users.id, userId))
      .returning();
    await repo.revokeSessions(tx, userId, now);
    await repo.revokeApiTokensOf(tx, userId, now);
    await recordAudit(
      tx,
      context,
      {
        action: 'user.delete',
        entityType: 'user',
        entityId: userId,
        before: presentUser(before),
        after: presentUser(after!),
      },
      now,
    );
    return presentUser(after!);
  });
}

export async function restoreUser({
  db,
  clock,
  context,
  userId,
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & { userId: string }) {
  return inTransaction(db, async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before || !before.deletedAt) throw notFoundUser();
    const now = clock.now().toISOString();
    const [after] = await tx
      .update(users)
      .set({ deletedAt: null, updatedAt: now })
      .where(eq(users.id, userId))
      .returning();
    await recordAudit(
      tx,
      context,
      {
        action: 'user.restore',
        entityType: 'user',
        entityId: userId,
        before: presentUser(before),
        after: presentUser(after!),
      },
      now,
    );
    return presentUser(after!);
  });
}

/** The first administrator, from the command line. */
export async function createAdministrator({
  db,
  clock,
  context,
  email,
  displayName,
  password,
  preferredLanguage = 'en',
}: Pick<AccountsDeps, 'db' | 'clock' | 'context'> & {
  email: string;
  displayName: string;
  password: string;
  preferredLanguage?: Language;
}) {
  checkPassword(password);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
    throw invalidInput('Not an email address.', [
      { field: 'email', ...because('not_an_email', `"${email}" is not an email address`, { value: email }) },
    ]);
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const existing = await repo.findUserByEmail(tx, email);
    if (existing) throw emailTaken(existing.deletedAt !== null);
    const now = clock.now().toISOString();
    const [user] = await tx
      .insert(users)
      .values({
        email: email.trim(),
        displayName: displayName.trim(),
        preferredLanguage,
        status: 'active',
        role: 'administrator',
        passwordHash,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(
      tx,
      context,
      { action: 'user.create', entityType: 'user', entityId: user!.id, after: presentUser(user!) },
      now,
    );
    return presentUser(user!);
  });
}

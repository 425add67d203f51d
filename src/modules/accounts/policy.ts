import type { Role } from './accounts.table.ts';

/**
 * The one place that decides permissions. Routes name a policy in their config; the auth plugin asks
 * `authorize` before the handler runs; routes never decide themselves.
 */

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      role: Role;
      participantId: string | null;
      organizationId: string | null;
      /** For donors: the donor record whose contributions bound what they read. */
      donorId: string | null;
      via: 'session' | 'token';
      sessionId: string | null;
      /** For API tokens: `read` tokens cannot write. */
      tokenScope: 'read' | 'read-write' | null;
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** Every policy a route can name. */
export const POLICIES = {
  /** Public data: treaty status, instruments, participants; open to everyone. */
  'public.read': { signedIn: false, roles: null },
  /** Signing in, password reset, invitation acceptance: open to everyone, rate-limited. */
  'auth.public': { signedIn: false, roles: null },
  /** A signed-in user's own account, sessions and tokens. */
  'account.self': { signedIn: true, roles: null },
  /** Users, invitations, roles, organisations. */
  'users.manage': { signedIn: true, roles: ['administrator'] },
  /** The audit trail and entity histories. */
  'audit.read': { signedIn: true, roles: ['administrator'] },
  /** The legal library: search, documents, files; restricted documents are filtered record by record. */
  'library.read': { signedIn: false, roles: null },
  /** Adding and editing library documents; which documents, the library module decides per record. */
  'library.write': {
    signedIn: true,
    roles: ['administrator', 'programme_officer', 'partner', 'member_state_official'],
  },
  /** Assistance activities, the monthly matrix, outcomes and indicators: every signed-in user (providers coordinate through them). */
  'programme.read': { signedIn: true, roles: null },
  /** Recording activities and outcomes; partners and officers only for their own organisation (decided per record). */
  'programme.write': { signedIn: true, roles: ['administrator', 'programme_officer', 'partner'] },
  /** Projects, donors, contributions and spending. */
  'funding.read': { signedIn: true, roles: ['administrator', 'programme_officer', 'donor'] },
  'funding.write': { signedIn: true, roles: ['administrator', 'programme_officer'] },
  /** The currency rate table that converts contributions to US dollars. */
  'rates.manage': { signedIn: true, roles: ['administrator'] },
  /** Mail that was queued because no SMTP server is configured. */
  'outbox.read': { signedIn: true, roles: ['administrator'] },
} as const satisfies Record<string, { signedIn: boolean; roles: readonly Role[] | null }>;

export type PolicyName = keyof typeof POLICIES;

export const isPolicyName = (value: unknown): value is PolicyName => typeof value === 'string' && value in POLICIES;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

export function authorize(actor: Actor, policy: PolicyName, method: string): Decision {
  const rule = POLICIES[policy];
  if (!rule.signedIn) return 'allow';
  if (actor.kind === 'anonymous') return 'unauthenticated';
  if (actor.via === 'token' && actor.tokenScope === 'read' && !SAFE_METHODS.has(method.toUpperCase()))
    return 'forbidden';
  if (rule.roles && !(rule.roles as readonly Role[]).includes(actor.role)) return 'forbidden';
  return 'allow';
}

/*
 * Record-level scope, for the modules that hold country and organisation records (requests,
 * authorities, programme data). They call these; they never compare roles themselves.
 */

/** A country's own records (its requests, its authorities' entries): its officials and administrators edit them. */
export function canEditCountryRecord(actor: Actor, participantId: string): boolean {
  if (actor.kind === 'anonymous') return false;
  if (actor.role === 'administrator') return true;
  return actor.role === 'member_state_official' && actor.participantId === participantId;
}

/** An organisation's programme data: its partners and programme officers edit it; administrators too. */
export function canEditOrganisationRecord(actor: Actor, organizationId: string): boolean {
  if (actor.kind === 'anonymous') return false;
  if (actor.role === 'administrator') return true;
  return (actor.role === 'partner' || actor.role === 'programme_officer') && actor.organizationId === organizationId;
}

/**
 * How much of the programme's projects, transactions, funding tables and activities a reader sees:
 * all of it, or — a donor — only what one donor record's contributions funded. A donor user that no
 * administrator has linked to a donor record yet (`donorId: null`) sees nothing.
 */
export type FundingScope = { kind: 'all' } | { kind: 'donor'; donorId: string | null };

export const ALL_FUNDING: FundingScope = { kind: 'all' };

export function fundingScopeOf(actor: Actor): FundingScope {
  if (actor.kind === 'user' && actor.role === 'donor') return { kind: 'donor', donorId: actor.donorId };
  return ALL_FUNDING;
}

export { ROLE_SCOPE } from '../../contracts/accounts.ts';

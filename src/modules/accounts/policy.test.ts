import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  authorize,
  canEditCountryRecord,
  canEditOrganisationRecord,
  fundingScopeOf,
  type Actor,
} from './policy.ts';
import type { Role } from './accounts.table.ts';

const user = (
  role: Role,
  scope: { participantId?: string; organizationId?: string; donorId?: string } = {},
  token: 'read' | 'read-write' | null = null,
): Actor => ({
  kind: 'user',
  userId: 'u',
  email: 'u@example.org',
  role,
  participantId: scope.participantId ?? null,
  organizationId: scope.organizationId ?? null,
  donorId: scope.donorId ?? null,
  via: token ? 'token' : 'session',
  sessionId: token ? null : 's',
  tokenScope: token,
});

describe('the policy module', () => {
  it('lets anyone read public data and refuses account pages to anonymous callers', () => {
    expect(authorize(ANONYMOUS, 'public.read', 'GET')).toBe('allow');
    expect(authorize(ANONYMOUS, 'account.self', 'GET')).toBe('unauthenticated');
    expect(authorize(user('donor', { organizationId: 'o' }), 'account.self', 'PATCH')).toBe('allow');
  });

  it('keeps administration to administrators', () => {
    for (const role of ['programme_officer', 'partner', 'donor', 'member_state_official'] as const) {
      expect(authorize(user(role, { organizationId: 'o', participantId: 'NER' }), 'users.manage', 'GET')).toBe(
        'forbidden',
      );
      expect(authorize(user(role, { organizationId: 'o', participantId: 'NER' }), 'audit.read', 'GET')).toBe(
        'forbidden',
      );
    }
    expect(authorize(user('administrator'), 'users.manage', 'DELETE')).toBe('allow');
  });

  it('lets a read-only token read but never write, whatever its owner may do', () => {
    expect(authorize(user('administrator', {}, 'read'), 'users.manage', 'GET')).toBe('allow');
    expect(authorize(user('administrator', {}, 'read'), 'users.manage', 'POST')).toBe('forbidden');
    expect(authorize(user('administrator', {}, 'read'), 'account.self', 'PATCH')).toBe('forbidden');
    expect(authorize(user('administrator', {}, 'read-write'), 'account.self', 'PATCH')).toBe('allow');
  });

  it("lets a member-state official edit its own country's records, not another country's", () => {
    const niger = user('member_state_official', { participantId: 'NER' });
    expect(canEditCountryRecord(niger, 'NER')).toBe(true);
    expect(canEditCountryRecord(niger, 'MLI')).toBe(false);
    expect(canEditCountryRecord(user('partner', { organizationId: 'o' }), 'NER')).toBe(false);
    expect(canEditCountryRecord(user('administrator'), 'MLI')).toBe(true);
    expect(canEditCountryRecord(ANONYMOUS, 'NER')).toBe(false);
  });

  it("lets partners and programme officers edit their own organisation's programme data only", () => {
    expect(canEditOrganisationRecord(user('partner', { organizationId: 'A' }), 'A')).toBe(true);
    expect(canEditOrganisationRecord(user('partner', { organizationId: 'A' }), 'B')).toBe(false);
    expect(canEditOrganisationRecord(user('programme_officer', { organizationId: 'A' }), 'B')).toBe(false);
    expect(canEditOrganisationRecord(user('donor', { organizationId: 'A' }), 'A')).toBe(false);
    expect(canEditOrganisationRecord(user('member_state_official', { participantId: 'NER' }), 'A')).toBe(false);
  });

  it("bounds a donor's reading of programme data by its donor record, and nobody else's", () => {
    expect(fundingScopeOf(user('donor', { organizationId: 'D', donorId: 'd1' }))).toEqual({
      kind: 'donor',
      donorId: 'd1',
    });
    // A donor no administrator has linked to a donor record reads nothing, whatever its organisation or country.
    expect(fundingScopeOf(user('donor', { participantId: 'NOR' }))).toEqual({ kind: 'donor', donorId: null });
    expect(fundingScopeOf(user('programme_officer', { organizationId: 'A' }))).toEqual({ kind: 'all' });
    expect(fundingScopeOf(user('administrator'))).toEqual({ kind: 'all' });
  });
});

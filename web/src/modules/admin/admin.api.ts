import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ROLES as ROLE_LIST,
  type AuditRecord,
  type Organization,
  type OutboxMail,
  type User,
} from '../../../../src/contracts/accounts.ts';
import { ApiError, PRIVATE_KEY, getJson, privateKey, sendJson, usePrivateApi } from '../../lib/api.ts';

export type Role = User['role'];
export type OrganizationKind = Organization['kind'];

export const ROLES: readonly Role[] = ROLE_LIST;
export const ORGANIZATION_KINDS: readonly OrganizationKind[] = ['un', 'partner', 'donor', 'government', 'other'];

export { ROLE_SCOPE } from '../../../../src/contracts/accounts.ts';

const USERS = [PRIVATE_KEY, 'admin', 'users'];
const AUDIT = [PRIVATE_KEY, 'admin', 'audit'];
const ORGANIZATIONS = [PRIVATE_KEY, 'admin', 'organizations'];
const OUTBOX = [PRIVATE_KEY, 'admin', 'outbox'];

export interface UserFilter {
  status: string;
  role: string;
  q: string;
  includeDeleted: boolean;
}

export const useUsers = (filter: UserFilter) =>
  usePrivateApi<{ items: User[] }>('/admin/users', {
    status: filter.status,
    role: filter.role,
    q: filter.q,
    includeDeleted: filter.includeDeleted ? 'true' : 'false',
  });
export const useUser = (id: string) => usePrivateApi<User>(`/admin/users/${encodeURIComponent(id)}`);

export interface UserInput {
  email: string;
  displayName: string;
  role: Role;
  participantId: string | null;
  organizationId: string | null;
  /** A donor user's donor record (programme); null: it reads no funding data yet. */
  donorId: string | null;
  preferredLanguage: string;
}

/** Every change to users also changes their history and the outbox (invitations). */
function useUserMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      if (result && typeof result === 'object' && 'id' in result)
        queryClient.setQueryData(privateKey(`/admin/users/${(result as unknown as User).id}`), result);
    },
    onSettled: async () => {
      await Promise.all([USERS, AUDIT, OUTBOX].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export const useInviteUser = () => useUserMutation((input: UserInput) => sendJson<User>('POST', '/admin/users', input));
export const useUpdateUser = (id: string) =>
  useUserMutation((changes: Partial<Omit<UserInput, 'email'>> & { status?: 'active' | 'disabled' }) =>
    sendJson<User>('PATCH', `/admin/users/${encodeURIComponent(id)}`, changes),
  );
export const useDeleteUser = (id: string) =>
  useUserMutation(() => sendJson<User>('DELETE', `/admin/users/${encodeURIComponent(id)}`));
export const useRestoreUser = (id: string) =>
  useUserMutation(() => sendJson<User>('POST', `/admin/users/${encodeURIComponent(id)}/restore`));
export const useResendInvitation = (id: string) =>
  useUserMutation(() => sendJson('POST', `/admin/users/${encodeURIComponent(id)}/invitation`));

export const useOrganizations = (includeDeleted: boolean) =>
  usePrivateApi<{ items: Organization[] }>('/admin/organizations', {
    includeDeleted: includeDeleted ? 'true' : 'false',
  });

function useOrganizationMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await Promise.all([ORGANIZATIONS, AUDIT].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export const useCreateOrganization = () =>
  useOrganizationMutation((body: { name: string; kind: OrganizationKind }) =>
    sendJson<Organization>('POST', '/admin/organizations', body),
  );
export const useDeleteOrganization = () =>
  useOrganizationMutation((id: string) =>
    sendJson<Organization>('DELETE', `/admin/organizations/${encodeURIComponent(id)}`),
  );
export const useRestoreOrganization = () =>
  useOrganizationMutation((id: string) =>
    sendJson<Organization>('POST', `/admin/organizations/${encodeURIComponent(id)}/restore`),
  );

export const useOutbox = (limit: number) => usePrivateApi<{ items: OutboxMail[] }>('/admin/outbox', { limit });

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

/** The audit trail, newest first, 50 records at a time. */
export function useAudit(filter: AuditFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...AUDIT, filter],
    queryFn: ({ pageParam }) =>
      getJson<{ items: AuditRecord[]; nextCursor: string | null }>('/admin/audit', {
        ...filter,
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: (count, error) => !(error instanceof ApiError) && count < 2,
    enabled,
  });
}

/** Audit actions the server records, for the filter (any other action in the address is kept). */
export const AUDIT_ACTIONS = [
  'user.invite',
  'user.invitation_resent',
  'user.accept_invitation',
  'user.create',
  'user.update',
  'user.role_change',
  'user.delete',
  'user.restore',
  'user.password_change',
  'user.password_reset_requested',
  'user.password_reset',
  'user.locked_out',
  'session.sign_in',
  'session.sign_in_failed',
  'session.sign_in_refused_locked',
  'session.sign_out',
  'session.sign_out_everywhere',
  'api_token.create',
  'api_token.revoke',
  'organization.create',
  'organization.delete',
  'organization.restore',
  'status.import',
  'reference.seed',
  'database.reset',
] as const;

export const AUDIT_ENTITY_TYPES = [
  'user',
  'session',
  'api_token',
  'organization',
  'snapshot',
  'reference_data',
  'database',
] as const;

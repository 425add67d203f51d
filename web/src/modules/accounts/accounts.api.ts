import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, Session, SessionInfo, User } from '../../../../src/contracts/accounts.ts';
import type { Language } from '../../../../src/contracts/languages.ts';
import { PRIVATE_KEY, SESSION_KEY, privateKey, sendJson, sessionChanged, usePrivateApi } from '../../lib/api.ts';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => sendJson<SessionInfo>('POST', '/auth/sign-in', body),
    onSuccess: (info) => sessionChanged(queryClient, info),
  });
}

export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<{ sessionsEnded: number }>('POST', '/auth/sign-out-everywhere'),
    onSettled: () => sessionChanged(queryClient),
  });
}

export const useRequestPasswordReset = () =>
  useMutation({
    mutationFn: (body: { email: string }) => sendJson('POST', '/auth/password-reset', body),
  });

/** Choosing a password through a one-time link (reset or invitation); a reset ends every session, so ask who is signed in again. */
export function useCompleteLink(kind: 'reset' | 'invitation') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      sendJson('POST', kind === 'reset' ? '/auth/password-reset/complete' : '/auth/invitation/accept', body),
    onSuccess: () => (kind === 'reset' ? sessionChanged(queryClient) : undefined),
  });
}

export const useAccount = () => usePrivateApi<User>('/account');

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { displayName?: string; preferredLanguage?: Language }) =>
      sendJson<User>('PATCH', '/account', body),
    onSuccess: (user) => {
      queryClient.setQueryData(privateKey('/account'), user);
      queryClient.setQueryData<SessionInfo>(SESSION_KEY, (previous) => (previous ? { ...previous, user } : previous));
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => sendJson('POST', '/account/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [PRIVATE_KEY, 'account', 'sessions'] }),
  });
}

export const useSessions = () => usePrivateApi<{ items: Session[] }>('/account/sessions');

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson('DELETE', `/account/sessions/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [PRIVATE_KEY, 'account', 'sessions'] }),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<{ sessionsEnded: number }>('POST', '/account/sessions/end-others'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [PRIVATE_KEY, 'account', 'sessions'] }),
  });
}

export const useTokens = () => usePrivateApi<{ items: ApiToken[] }>('/account/tokens');

export type TokenScope = ApiToken['scope'];

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scope: TokenScope; expiresInDays: number }) =>
      sendJson<ApiToken & { token: string }>('POST', '/account/tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [PRIVATE_KEY, 'account', 'tokens'] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson('DELETE', `/account/tokens/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [PRIVATE_KEY, 'account', 'tokens'] }),
  });
}

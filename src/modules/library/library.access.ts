import type { Actor } from '../accounts/policy.ts';
import type { SearchScope } from './search/search-index.ts';

/**
 * Who sees and edits which library documents. Public documents are open to everyone. Restricted ones
 * (drafts shared in confidence, internal notes) are seen by the programme staff, by the officials of
 * the country they concern and by the organisation that holds them.
 */

interface DocumentScope {
  visibility: string;
  countryId: string | null;
  ownerOrganizationId: string | null;
}

const isStaff = (actor: Actor) =>
  actor.kind === 'user' && (actor.role === 'administrator' || actor.role === 'programme_officer');

export function searchScopeFor(actor: Actor): SearchScope {
  if (actor.kind === 'anonymous') return { kind: 'public' };
  if (isStaff(actor)) return { kind: 'all' };
  return {
    kind: 'public-and',
    countryId: actor.role === 'member_state_official' ? actor.participantId : null,
    organizationId: actor.role === 'partner' || actor.role === 'donor' ? actor.organizationId : null,
  };
}

export function canReadDocument(actor: Actor, document: DocumentScope): boolean {
  if (document.visibility === 'public') return true;
  if (actor.kind === 'anonymous') return false;
  if (isStaff(actor)) return true;
  if (actor.role === 'member_state_official')
    return document.countryId !== null && document.countryId === actor.participantId;
  return document.ownerOrganizationId !== null && document.ownerOrganizationId === actor.organizationId;
}

/** Staff edit everything; officials their country's documents; partners their organisation's. */
export function canEditDocument(actor: Actor, document: Omit<DocumentScope, 'visibility'>): boolean {
  if (actor.kind === 'anonymous') return false;
  if (isStaff(actor)) return true;
  if (actor.role === 'member_state_official')
    return document.countryId !== null && document.countryId === actor.participantId;
  if (actor.role === 'partner')
    return document.ownerOrganizationId !== null && document.ownerOrganizationId === actor.organizationId;
  return false;
}

import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { FundingScope } from '../accounts/policy.ts';

/*
 * What a donor reads, as SQL conditions (the policy module decides who is bound: `fundingScopeOf`).
 * A project is funded by a donor when one of the donor's transactions (pledge, commitment, payment…)
 * names it. The donor then reads those projects with their whole funding figures, its own
 * transactions and the project's spending (transactions without a donor), and the activities of
 * those projects or that list it among their donors; never another donor's transactions or rows.
 */

const NOTHING = sql`false`;
const EVERYTHING = sql`true`;

/** Ids of the projects the donor's transactions name. */
const fundedProjects = (donorId: string) =>
  sql`select ft.project_id from transactions ft where ft.donor_id = ${donorId} and ft.deleted_at is null and ft.project_id is not null`;

/** The project in this column is one the reader may see. */
export function projectVisible(scope: FundingScope, projectId: SQLWrapper): SQL {
  if (scope.kind === 'all') return EVERYTHING;
  if (scope.donorId === null) return NOTHING;
  return sql`${projectId} in (${fundedProjects(scope.donorId)})`;
}

/** The transaction is the donor's own, or spending (no donor) on a project it funded. */
export function transactionVisible(scope: FundingScope, donorId: SQLWrapper, projectId: SQLWrapper): SQL {
  if (scope.kind === 'all') return EVERYTHING;
  if (scope.donorId === null) return NOTHING;
  return sql`(${donorId} = ${scope.donorId} or (${donorId} is null and ${projectVisible(scope, projectId)}))`;
}

/** The donor record is the reader's own (a donor sees no other donor's name or row). */
export function donorVisible(scope: FundingScope, donorId: SQLWrapper): SQL {
  if (scope.kind === 'all') return EVERYTHING;
  if (scope.donorId === null) return NOTHING;
  return sql`${donorId} = ${scope.donorId}`;
}

/** Condition on the activity of alias `a`: it belongs to a funded project or names the donor among its donors. */
export function activityVisible(scope: FundingScope): SQL {
  if (scope.kind === 'all') return EVERYTHING;
  if (scope.donorId === null) return NOTHING;
  return sql`(${projectVisible(scope, sql`a.project_id`)} or a.donor_ids @> array[${scope.donorId}]::uuid[])`;
}

import { and, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.ts';
import { longDate } from '../../lib/locales.ts';
import { organizations, users } from '../accounts/accounts.table.ts';
import type { Mailer } from '../accounts/mail.ts';
import { renderMail } from '../accounts/mail.templates.ts';
import { findOverlaps } from './overlaps.ts';
import { activityOverlapNotices } from './programme.table.ts';

/** What mailing programme officers about overlaps needs; without it (command line, imports) nobody is mailed. */
export interface OverlapMailDeps {
  mailer: Mailer;
  publicUrl: string;
  windowDays: number;
}

/** The saved activity, as the overlap search and the mail need it. */
export interface SavedActivity {
  id: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  countries: string[];
  themes: string[];
  organizationId: string;
}

interface Side {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  organizationId: string;
  organizationName: string;
}

const dateRange = (start: string, end: string, lang: string) =>
  start === end ? longDate(start, lang) : `${longDate(start, lang)} – ${longDate(end, lang)}`;

async function countryNames(tx: Db, ids: string[], lang: string): Promise<string> {
  if (!ids.length) return '';
  const rows = rowsOf<{ name: string }>(
    await tx.execute(sql`select coalesce(t.name, e.name, p.id) as name from participants p
    left join participant_translations t on t.participant_id = p.id and t.lang = ${lang}
    left join participant_translations e on e.participant_id = p.id and e.lang = 'en'
    where p.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) order by name`),
  );
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(rows.map((r) => r.name));
}

/** Queues, for each active programme officer of `own`'s organisation, a mail about `other` in the officer's language. */
async function queueForOfficers(
  tx: Db,
  deps: OverlapMailDeps,
  own: Side,
  other: Side,
  countries: string[],
  at: string,
): Promise<string[]> {
  const officers = await tx
    .select({ email: users.email, name: users.displayName, lang: users.preferredLanguage })
    .from(users)
    .where(
      and(
        eq(users.organizationId, own.organizationId),
        eq(users.role, 'programme_officer'),
        eq(users.status, 'active'),
        isNull(users.deletedAt),
      ),
    );
  const ids: string[] = [];
  for (const officer of officers) {
    const mail = renderMail('overlap', officer.lang, {
      name: officer.name,
      title: own.title,
      dates: dateRange(own.startDate, own.endDate, officer.lang),
      otherTitle: other.title,
      otherOrganization: other.organizationName,
      otherDates: dateRange(other.startDate, other.endDate, officer.lang),
      countries: await countryNames(tx, countries, officer.lang),
      link: `${deps.publicUrl}/programme/activities/${own.id}`,
    });
    ids.push(await deps.mailer.queue(tx, { to: officer.email, ...mail }, at));
  }
  return ids;
}

/**
 * Inside the transaction that saved the activity: each other organisation's activity now close to it, as
 * a pair never mailed about before, is remembered and a mail to both organisations' programme officers is
 * queued in the outbox. Answers the outbox ids, to deliver after commit. A cancelled activity calls for
 * no coordination, so it mails nobody.
 */
export async function queueOverlapNotices(
  tx: Db,
  deps: OverlapMailDeps,
  activity: SavedActivity,
  at: string,
): Promise<string[]> {
  if (activity.status === 'cancelled') return [];
  const overlaps = await findOverlaps(tx, { ...activity, excludeId: activity.id, windowDays: deps.windowDays });
  if (!overlaps.length) return [];
  const [organisation] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, activity.organizationId));
  const known = new Set(
    (
      await tx
        .select()
        .from(activityOverlapNotices)
        .where(
          sql`${activityOverlapNotices.firstActivityId} = ${activity.id} or ${activityOverlapNotices.secondActivityId} = ${activity.id}`,
        )
    ).map((n) => (n.firstActivityId === activity.id ? n.secondActivityId : n.firstActivityId)),
  );
  const fresh = overlaps.filter((o) => !known.has(o.id));
  if (!fresh.length) return [];
  const self: Side = { ...activity, organizationName: organisation!.name };
  const mailIds: string[] = [];
  for (const overlap of fresh) {
    const [first, second] = [activity.id, overlap.id].sort() as [string, string];
    const inserted = await tx
      .insert(activityOverlapNotices)
      .values({ firstActivityId: first, secondActivityId: second, notifiedAt: at })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) continue;
    const other: Side = overlap;
    mailIds.push(
      ...(await queueForOfficers(tx, deps, self, other, overlap.countries, at)),
      ...(await queueForOfficers(tx, deps, other, self, overlap.countries, at)),
    );
  }
  return mailIds;
}

/** After commit: sends (or leaves in the outbox, without SMTP) the mails queued by `queueOverlapNotices`. */
export async function deliverOverlapNotices(db: Db, deps: OverlapMailDeps | undefined, mailIds: string[]) {
  if (!deps) return;
  for (const id of mailIds) await deps.mailer.deliver(db, id);
}

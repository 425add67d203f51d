import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Language } from '../../contracts/languages.ts';
import {
  participantAliases,
  participantTranslations,
  participants,
  regionTranslations,
  regions,
} from './participants.table.ts';

export type Names = Partial<Record<Language, string>>;

export interface ParticipantRecord {
  id: string;
  iso3: string | null;
  iso2: string | null;
  m49: string | null;
  kind: string;
  regionM49: string | null;
  subregionM49: string | null;
  intermediateRegionM49: string | null;
  names: Names;
}

export interface RegionRecord {
  m49: string;
  parentM49: string | null;
  level: string;
  names: Names;
}

function groupNames<T extends { lang: string; name: string }>(
  rows: T[],
  keyOf: (row: T) => string,
): Map<string, Names> {
  const byKey = new Map<string, Names>();
  for (const row of rows) {
    const names = byKey.get(keyOf(row)) ?? {};
    names[row.lang as Language] = row.name;
    byKey.set(keyOf(row), names);
  }
  return byKey;
}

export async function listParticipants(db: Db): Promise<ParticipantRecord[]> {
  const [rows, translations] = await Promise.all([
    db.select().from(participants).orderBy(asc(participants.id)),
    db.select().from(participantTranslations),
  ]);
  const names = groupNames(translations, (t) => t.participantId);
  return rows.map((row) => ({
    id: row.id,
    iso3: row.iso3,
    iso2: row.iso2,
    m49: row.m49,
    kind: row.kind,
    regionM49: row.regionM49,
    subregionM49: row.subregionM49,
    intermediateRegionM49: row.intermediateRegionM49,
    names: names.get(row.id) ?? {},
  }));
}

export async function listRegions(db: Db): Promise<RegionRecord[]> {
  const [rows, translations] = await Promise.all([
    db.select().from(regions).orderBy(asc(regions.m49)),
    db.select().from(regionTranslations),
  ]);
  const names = groupNames(translations, (t) => t.regionM49);
  return rows.map((row) => ({ ...row, names: names.get(row.m49) ?? {} }));
}

export async function listAliases(db: Db) {
  return db.select().from(participantAliases);
}

export async function findParticipantId(db: Db, id: string): Promise<string | undefined> {
  return (await db.select({ id: participants.id }).from(participants).where(eq(participants.id, id.toUpperCase())))[0]
    ?.id;
}

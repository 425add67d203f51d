import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import { LANGUAGES } from '../../contracts/languages.ts';
import { readCsvFile } from '../../lib/csv.ts';
import { normalizeName } from './participants.service.ts';
import {
  participantAliases,
  participantTranslations,
  participants,
  regionTranslations,
  regions,
} from './participants.table.ts';

const textOrNull = (value: string | undefined) => (value ? value : null);

/** Loads regions, participants with their six-language names, and the alias table shipped in `data/`. */
export async function seedParticipants({ db, dataDir }: { db: Db; dataDir: string }): Promise<number> {
  const regionRecords = readCsvFile(join(dataDir, 'regions.csv'));
  await db
    .insert(regions)
    .values(
      regionRecords.map(({ values: v }) => ({ m49: v.m49!, parentM49: textOrNull(v.parent_m49), level: v.level! })),
    );
  await db
    .insert(regionTranslations)
    .values(
      regionRecords.flatMap(({ values: v }) =>
        LANGUAGES.map((lang) => ({ regionM49: v.m49!, lang, name: v[`name_${lang}`] || v.name_en! })),
      ),
    );

  const participantRecords = readCsvFile(join(dataDir, 'participants.csv'));
  await db.insert(participants).values(
    participantRecords.map(({ values: v }) => ({
      id: v.id!,
      iso3: textOrNull(v.iso3),
      iso2: textOrNull(v.iso2),
      m49: textOrNull(v.m49),
      kind: v.kind!,
      regionM49: textOrNull(v.region_m49),
      subregionM49: textOrNull(v.subregion_m49),
      intermediateRegionM49: textOrNull(v.intermediate_region_m49),
    })),
  );
  await db
    .insert(participantTranslations)
    .values(
      participantRecords.flatMap(({ values: v }) =>
        LANGUAGES.map((lang) => ({ participantId: v.id!, lang, name: v[`name_${lang}`] || v.name_en! })),
      ),
    );

  // Every name in any language resolves too, then the explicit variants; the first claim on a key wins.
  const aliases = new Map<string, { key: string; alias: string; participantId: string; note: string | null }>();
  const addAlias = (alias: string, participantId: string, note: string | null) => {
    const key = normalizeName(alias);
    if (key && !aliases.has(key)) aliases.set(key, { key, alias, participantId, note });
  };
  for (const { values: v } of participantRecords) {
    addAlias(v.id!, v.id!, 'identifier');
    if (v.iso2) addAlias(v.iso2, v.id!, 'ISO 3166-1 alpha-2');
    for (const lang of LANGUAGES) if (v[`name_${lang}`]) addAlias(v[`name_${lang}`]!, v.id!, `current name (${lang})`);
  }
  for (const { values: v } of readCsvFile(join(dataDir, 'participant-aliases.csv')))
    addAlias(v.alias!, v.participant_id!, textOrNull(v.note));
  await db.insert(participantAliases).values([...aliases.values()]);
  return participantRecords.length;
}

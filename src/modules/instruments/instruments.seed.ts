import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import { isLanguage } from '../../contracts/languages.ts';
import { readCsvFile } from '../../lib/csv.ts';
import { instrumentTranslations, instruments } from './instruments.table.ts';

const intOrNull = (value: string | undefined) => (value ? Number.parseInt(value, 10) : null);
const textOrNull = (value: string | undefined) => (value ? value : null);

/** Loads the instrument catalogue shipped in `data/` (instruments.csv and instrument-titles.csv). */
export async function seedInstruments({ db, dataDir }: { db: Db; dataDir: string }): Promise<number> {
  const records = readCsvFile(join(dataDir, 'instruments.csv'));
  const rows = records.map(({ values: v }, index) => ({
    id: v.id!,
    sortOrder: index + 1,
    untcNo: textOrNull(v.untc_mtdsg_no),
    adoptedDate: v.adopted_date!,
    adoptedPlace: textOrNull(v.adopted_place),
    entryIntoForceDate: textOrNull(v.entry_into_force_date),
    depositary: v.depositary!,
    depositaryCodes: (v.depositary_codes ?? '').split('|').filter(Boolean),
    eifInstrumentsRequired: intOrNull(v.eif_instruments_required),
    eifDaysAfter: intOrNull(v.eif_days_after),
    eifDaysAfterLaterJoiners: intOrNull(v.eif_days_after_later_joiners),
    // The catalogue leaves the day count blank exactly where the rule is "first day of the second month".
    eifRuleKind: v.eif_days_after ? 'days_after' : 'first_day_of_second_month',
    eifRuleEn: v.eif_rule_en ?? '',
    family: v.family!,
    parentId: textOrNull(v.parent_id),
    relationToParent: textOrNull(v.relation_to_parent),
    ctSetFirstCounted: intOrNull(v.ct_set_first_counted),
    notes: textOrNull(v.notes),
  }));

  const titles = new Map<
    string,
    { instrumentId: string; lang: string; title: string | null; shortName: string | null }
  >();
  const put = (instrumentId: string, lang: string, title: string | null, shortName: string | null) => {
    const key = `${instrumentId}:${lang}`;
    const previous = titles.get(key);
    titles.set(key, {
      instrumentId,
      lang,
      title: title ?? previous?.title ?? null,
      shortName: shortName ?? previous?.shortName ?? null,
    });
  };
  for (const { values: v } of records) {
    put(v.id!, 'en', textOrNull(v.title_en), textOrNull(v.short_name_en));
    put(v.id!, 'fr', textOrNull(v.title_fr), null);
    put(v.id!, 'zh', textOrNull(v.title_zh), null);
  }
  for (const { values: v } of readCsvFile(join(dataDir, 'instrument-titles.csv'))) {
    if (!isLanguage(v.lang)) continue;
    put(v.instrument_id!, v.lang, textOrNull(v.title), textOrNull(v.short_name));
  }

  await db.insert(instruments).values(rows);
  await db.insert(instrumentTranslations).values([...titles.values()]);
  return rows.length;
}

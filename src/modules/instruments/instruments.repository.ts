import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Language } from '../../contracts/languages.ts';
import type { Names } from '../participants/participants.repository.ts';
import { instrumentTranslations, instruments, type InstrumentRow } from './instruments.table.ts';

export interface InstrumentRecord extends Omit<InstrumentRow, 'createdAt' | 'updatedAt'> {
  titles: Names;
  shortNames: Names;
}

export async function listInstruments(db: Db): Promise<InstrumentRecord[]> {
  const [rows, translations] = await Promise.all([
    db.select().from(instruments).orderBy(asc(instruments.sortOrder)),
    db.select().from(instrumentTranslations),
  ]);
  return rows.map(({ createdAt: _c, updatedAt: _u, ...row }) => {
    const titles: Names = {};
    const shortNames: Names = {};
    for (const t of translations) {
      if (t.instrumentId !== row.id) continue;
      if (t.title) titles[t.lang as Language] = t.title;
      if (t.shortName) shortNames[t.lang as Language] = t.shortName;
    }
    return { ...row, titles, shortNames };
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.ts';
import { readCrosswalk } from '../../../test/helpers/fixtures.ts';
import { SHIPPED_DATA_DIR } from '../../db/seed.ts';
import { listAliases } from './participants.repository.ts';
import { seedParticipants } from './participants.seed.ts';
import { buildAliasIndex, normalizeName, type AliasIndex } from './participants.service.ts';

describe('normalizeName', () => {
  it('folds case, accents, apostrophes, punctuation and spacing alike', () => {
    expect(normalizeName("Côte d'Ivoire")).toBe(normalizeName('COTE D’IVOIRE'));
    expect(normalizeName('  Côte   d`Ivoire ')).toBe('cote divoire');
    expect(normalizeName('Türkiye')).toBe('turkiye');
    expect(normalizeName('St. Kitts and Nevis')).toBe('st kitts and nevis');
    expect(normalizeName('Bolivia, Plurinational State of')).toBe('bolivia plurinational state of');
    expect(normalizeName('Trinidad & Tobago')).toBe(normalizeName('Trinidad and Tobago'));
  });

  it('keeps letters of every script, so names in the six languages stay distinct', () => {
    expect(normalizeName('Германия')).toBe('германия');
    expect(normalizeName('德国')).toBe('德国');
    expect(normalizeName('ألمانيا')).not.toBe('');
  });

  it('never turns one country into another by folding', () => {
    expect(normalizeName('Congo')).not.toBe(normalizeName('Democratic Republic of the Congo'));
    expect(normalizeName('Niger')).not.toBe(normalizeName('Nigeria'));
    expect(normalizeName('Guinea')).not.toBe(normalizeName('Guinea-Bissau'));
  });
});

describe('alias resolution through the seeded alias table', () => {
  let database: TestDb;
  let index: AliasIndex;

  beforeAll(async () => {
    database = await createTestDb();
    await seedParticipants({ db: database.db, dataDir: SHIPPED_DATA_DIR });
    index = buildAliasIndex(await listAliases(database.db));
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('resolves every UNTC name of the verified crosswalk to its ISO alpha-3 code, and the European Union to EUU', () => {
    const crosswalk = readCrosswalk();
    expect(crosswalk.size).toBe(197);
    const wrong = [...crosswalk]
      .filter(([name, id]) => index.resolve(name) !== id)
      .map(([name, id]) => `${name} → ${index.resolve(name) ?? 'nothing'} (expected ${id})`);
    expect(wrong).toEqual([]);
    expect(index.resolve('European Union')).toBe('EUU');
  });

  it('resolves the names of former and later times that the UNTC files do not use', () => {
    expect(index.resolve('Czechia')).toBe('CZE');
    expect(index.resolve('Czech Republic')).toBe('CZE');
    expect(index.resolve('Türkiye')).toBe('TUR');
    expect(index.resolve('Turkey')).toBe('TUR');
    expect(index.resolve('Eswatini')).toBe('SWZ');
    expect(index.resolve('Swaziland')).toBe('SWZ');
    expect(index.resolve('North Macedonia')).toBe('MKD');
    expect(index.resolve('The former Yugoslav Republic of Macedonia')).toBe('MKD');
    expect(index.resolve("Cote d'Ivoire")).toBe('CIV');
    expect(index.resolve('Côte d’Ivoire')).toBe('CIV');
    expect(index.resolve("Cte d'Ivoire")).toBe('CIV');
    expect(index.resolve('Cape Verde')).toBe('CPV');
    expect(index.resolve('Cabo Verde')).toBe('CPV');
    expect(index.resolve('European Community')).toBe('EUU');
    expect(index.resolve('Saint Kitts and Nevis')).toBe('KNA');
  });

  it('resolves regardless of case, accents and spacing', () => {
    expect(index.resolve('  CÔTE   D’IVOIRE ')).toBe('CIV');
    expect(index.resolve('turkiye')).toBe('TUR');
    expect(index.resolve('north  macedonia')).toBe('MKD');
  });

  it('resolves the current name in each of the six languages', () => {
    expect(index.resolve('Allemagne')).toBe('DEU');
    expect(index.resolve('Alemania')).toBe('DEU');
    expect(index.resolve('Германия')).toBe('DEU');
    expect(index.resolve('ألمانيا')).toBe('DEU');
    expect(index.resolve('德国')).toBe('DEU');
  });

  it('does not map former States to a successor: Yugoslavia and Czechoslovakia resolve to nothing', () => {
    expect(index.resolve('Yugoslavia')).toBeUndefined();
    expect(index.resolve('Czechoslovakia')).toBeUndefined();
    expect(index.resolve('German Democratic Republic')).toBeUndefined();
  });

  it('resolves Congo to the Republic of the Congo, never to the Democratic Republic of the Congo', () => {
    expect(index.resolve('Congo')).toBe('COG');
    expect(index.resolve('Democratic Republic of the Congo')).toBe('COD');
    expect(index.resolve('Republic of the Congo')).toBe('COG');
  });

  it('resolves an unknown name to nothing rather than guessing', () => {
    expect(index.resolve('Atlantis')).toBeUndefined();
    expect(index.resolve('Nigeria and Niger')).toBeUndefined();
    expect(index.resolve('')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { didYouMean, suggest } from './suggest.ts';

const countries = [
  { id: 'NER', keys: ['NER', 'NE', 'Niger', 'النيجر'] },
  { id: 'NGA', keys: ['NGA', 'NG', 'Nigeria'] },
  { id: 'CIV', keys: ['CIV', 'CI', "Côte d'Ivoire", 'Ivory Coast'] },
];

describe('suggest', () => {
  it('keeps only exact spellings when there are some, otherwise a key the input begins, then a near miss', () => {
    expect(suggest('nige', countries)).toEqual(['NER', 'NGA']);
    expect(suggest('niger', countries)).toEqual(['NER']);
    expect(suggest('Nigr', countries)).toEqual(['NER']);
    expect(suggest('NE', countries)).toEqual(['NER']);
  });

  it('ignores case, accents and punctuation', () => {
    expect(suggest('cote divoire', countries)).toEqual(['CIV']);
    expect(suggest('IVORY-COAST', countries)).toEqual(['CIV']);
  });

  it('suggests nothing for an input far from every key', () => {
    expect(suggest('XXXXXX', countries)).toEqual([]);
    expect(suggest('  ', countries)).toEqual([]);
  });

  it('writes the suggestions as a question, or nothing', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['icsft-1999'])).toBe(' (did you mean icsft-1999?)');
    expect(didYouMean(['NER', 'NGA', 'NIC'])).toBe(' (did you mean NER, NGA or NIC?)');
  });
});

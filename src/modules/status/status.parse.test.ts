import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAliasIndex, normalizeName } from '../participants/participants.service.ts';
import { parseActionsFile, parseUntcFile, type ParseContext } from './status.parse.ts';
import { parseUntcDate } from '../../lib/dates.ts';

const context: ParseContext = {
  instruments: [{ id: 'icsft-1999', untcNo: 'XVIII-11', adoptedDate: '1999-12-09' }, { id: 'tokyo-1963', untcNo: null, adoptedDate: '1963-09-14' }],
  aliases: buildAliasIndex(['Niger', 'Algeria', "Côte d'Ivoire", "Cte d'Ivoire"].map((name) => ({ key: normalizeName(name), participantId: name === 'Niger' ? 'NER' : name === 'Algeria' ? 'DZA' : 'CIV' }))),
  asOf: '2015-03-14',
};

const untc = (body: string) => `Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"\n${body}`;

describe('UNTC status table parser', () => {
  it('reads signatures and each kind of consent from its suffix', () => {
    const parsed = parseUntcFile({ file: 'XVIII-11.csv', content: untc('Algeria,18 Jan 2000,8 Nov 2001\nNiger,,30 Sep 2004 a\n"Cte d\'Ivoire",,13 Mar 2002 AA\n'), context });
    expect(parsed.problems).toEqual([]);
    expect(parsed.actions.map((a) => [a.participantId, a.type, a.date])).toEqual([
      ['DZA', 'signature', '2000-01-18'], ['DZA', 'ratification', '2001-11-08'], ['NER', 'accession', '2004-09-30'], ['CIV', 'approval', '2002-03-13'],
    ]);
  });

  it('names file, line and column for every bad cell', () => {
    const parsed = parseUntcFile({ file: 'XVIII-11.csv', content: untc('Atlantis,18 Jan 2000,\nNiger,31 Feb 2004,\nAlgeria,,12 Mar 2004 x\n'), context });
    expect(parsed.problems.map((p) => [p.file, p.line, p.field])).toEqual([
      ['XVIII-11.csv', 2, 'Participant'], ['XVIII-11.csv', 3, 'Signature'], ['XVIII-11.csv', 4, 'consent'],
    ]);
  });

  it('never throws, whatever the bytes: every input gives actions or problems', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const parsed = parseUntcFile({ file: 'XVIII-11.csv', content: text, context });
      for (const action of parsed.actions) expect(['NER', 'DZA', 'CIV']).toContain(action.participantId);
      for (const problem of parsed.problems) expect(problem.reason.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.string(), fc.string(), fc.string()), { maxLength: 20 }), (rows) => {
      const body = rows.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
      const parsed = parseUntcFile({ file: 'XVIII-11.csv', content: untc(body), context });
      // Every row with a date cell either yields actions or is reported: nothing is silently dropped.
      rows.forEach(([, signature, consent], index) => {
        const line = index + 2;
        if (!signature.trim() && !consent.trim()) return;
        const accounted = parsed.actions.some((a) => a.line === line) || parsed.problems.some((p) => p.line === line);
        expect(accounted).toBe(true);
      });
    }), { numRuns: 200 });
  });

  it('never throws on generic action files either', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const parsed = parseActionsFile({ file: 'x.csv', content: `instrument_id,participant,action,date\n${text}`, context });
      expect(Array.isArray(parsed.problems)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('UNTC dates', () => {
  it('accept the depositary form with an optional suffix and reject impossible days', () => {
    expect(parseUntcDate('9 Dec 1999')).toEqual({ date: '1999-12-09', suffix: '' });
    expect(parseUntcDate('24 Sep 2003 a')).toEqual({ date: '2003-09-24', suffix: 'a' });
    expect(parseUntcDate('29 Feb 2001')).toBeNull();
    expect(parseUntcDate('2001-02-01')).toBeNull();
    fc.assert(fc.property(fc.string(), (text) => {
      const parsed = parseUntcDate(text);
      if (parsed) expect(parsed.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }));
  });
});

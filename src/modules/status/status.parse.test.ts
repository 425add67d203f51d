import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAliasIndex, normalizeName } from '../participants/participants.service.ts';
import {
  MAX_FILE_BYTES,
  parseActionsFile,
  parseUntcFile,
  readDepositaryText,
  type ParseContext,
} from './status.parse.ts';
import { parseUntcDate } from '../../lib/dates.ts';

const context: ParseContext = {
  instruments: [
    { id: 'icsft-1999', untcNo: 'XVIII-11', adoptedDate: '1999-12-09' },
    { id: 'tokyo-1963', untcNo: null, adoptedDate: '1963-09-14' },
  ],
  aliases: buildAliasIndex(
    ['Niger', 'Algeria', "Côte d'Ivoire", "Cte d'Ivoire"].map((name) => ({
      key: normalizeName(name),
      participantId: name === 'Niger' ? 'NER' : name === 'Algeria' ? 'DZA' : 'CIV',
    })),
  ),
  asOf: '2015-03-14',
};

const untc = (body: string) =>
  `Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"\n${body}`;

describe('UNTC status table parser', () => {
  it('reads signatures and each kind of consent from its suffix', () => {
    const parsed = parseUntcFile({
      file: 'XVIII-11.csv',
      content: untc('Algeria,18 Jan 2000,8 Nov 2001\nNiger,,30 Sep 2004 a\n"Cte d\'Ivoire",,13 Mar 2002 AA\n'),
      context,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.actions.map((a) => [a.participantId, a.type, a.date])).toEqual([
      ['DZA', 'signature', '2000-01-18'],
      ['DZA', 'ratification', '2001-11-08'],
      ['NER', 'accession', '2004-09-30'],
      ['CIV', 'approval', '2002-03-13'],
    ]);
  });

  it('names file, line and column for every bad cell', () => {
    const parsed = parseUntcFile({
      file: 'XVIII-11.csv',
      content: untc('Atlantis,18 Jan 2000,\nNiger,31 Feb 2004,\nAlgeria,,12 Mar 2004 x\n'),
      context,
    });
    expect(parsed.problems.map((p) => [p.file, p.line, p.field])).toEqual([
      ['XVIII-11.csv', 2, 'Participant'],
      ['XVIII-11.csv', 3, 'Signature'],
      ['XVIII-11.csv', 4, 'consent'],
    ]);
  });

  it('never throws, whatever the bytes: every input gives actions or problems', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const parsed = parseUntcFile({ file: 'XVIII-11.csv', content: text, context });
        for (const action of parsed.actions) expect(['NER', 'DZA', 'CIV']).toContain(action.participantId);
        for (const problem of parsed.problems) expect(problem.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string(), fc.string()), { maxLength: 20 }), (rows) => {
        const body = rows.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
        const parsed = parseUntcFile({ file: 'XVIII-11.csv', content: untc(body), context });
        // Every row with a date cell either yields actions or is reported: nothing is silently dropped.
        rows.forEach(([, signature, consent], index) => {
          const line = index + 2;
          if (!signature.trim() && !consent.trim()) return;
          const accounted = parsed.actions.some((a) => a.line === line) || parsed.problems.some((p) => p.line === line);
          expect(accounted).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on generic action files either', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const parsed = parseActionsFile({
          file: 'x.csv',
          content: `instrument_id,participant,action,date\n${text}`,
          context,
        });
        expect(Array.isArray(parsed.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('limits and encoding of depositary files', () => {
  const header = 'instrument_id,participant,action,date,note\n';
  const declaration = (note: string, participant = 'Niger') =>
    `${header}icsft-1999,${participant},declaration,2005-01-10,"${note}"\n`;

  it('accepts a declaration of 10,000 characters, counted as characters whatever their script', () => {
    for (const note of ['a'.repeat(10_000), '条'.repeat(10_000), '𝔄'.repeat(10_000)]) {
      const parsed = parseActionsFile({ file: 'icao.csv', content: Buffer.from(declaration(note)), context });
      expect(parsed.problems).toEqual([]);
      expect(parsed.actions[0]!.text).toBe(note);
    }
  });

  it('refuses a longer note or an over-long field, naming file, line, column and limit without repeating the value', () => {
    const long = parseActionsFile({
      file: 'icao.csv',
      content: `${declaration('x'.repeat(10_001))}icsft-1999,${'Niger'.repeat(41)},ratification,2005-01-10,\n`,
      context,
    });
    expect(long.actions).toEqual([]);
    expect(long.problems).toEqual([
      { file: 'icao.csv', line: 2, field: 'note', reason: 'is 10,001 characters long; at most 10,000 are accepted' },
      { file: 'icao.csv', line: 3, field: 'participant', reason: 'is 205 characters long; at most 200 are accepted' },
    ]);
    const huge = parseActionsFile({ file: 'icao.csv', content: declaration('y'.repeat(2_000_000)), context });
    expect(huge.problems).toEqual([
      { file: 'icao.csv', line: 2, field: 'note', reason: 'is 2,000,000 characters long; at most 10,000 are accepted' },
    ]);
    const cell = parseUntcFile({
      file: 'XVIII-11.csv',
      content: untc(`Niger,,30 Sep 2004 a\n${'Niger'.repeat(41)},,30 Sep 2004 a\n`),
      context,
    });
    expect(cell.problems).toEqual([
      {
        file: 'XVIII-11.csv',
        line: 3,
        field: 'Participant',
        reason: 'is 205 characters long; at most 200 are accepted',
      },
    ]);
  });

  it('refuses a file over 10 MB as a whole, with one problem', () => {
    const parsed = parseActionsFile({ file: 'icao.csv', content: Buffer.alloc(MAX_FILE_BYTES + 1, 0x61), context });
    expect(parsed.problems).toEqual([
      { file: 'icao.csv', reason: 'the file is 10.0 MB; at most 10 MB is accepted: split it into several files' },
    ]);
  });

  it('reports a Latin-1 file as not UTF-8, with the line of the first invalid byte, instead of unknown participants', () => {
    const latin1 = Buffer.from(
      `${header}icsft-1999,Niger,accession,2004-09-30,\nicsft-1999,Côte d'Ivoire,ratification,2002-03-13,\nicsft-1999,Algérie,ratification,2001-11-08,\n`,
      'latin1',
    );
    const parsed = parseActionsFile({ file: 'icao.csv', content: latin1, context });
    expect(parsed).toMatchObject({ actions: [] });
    expect(parsed.problems).toEqual([
      {
        file: 'icao.csv',
        line: 3,
        reason:
          'this file is not UTF-8 (line 3, character 13: byte 0xF4); save it as UTF-8 (in Excel: "CSV UTF-8") and import it again',
      },
    ]);
    const table = parseUntcFile({
      file: 'XVIII-11.csv',
      content: Buffer.from(untc("Côte d'Ivoire,,13 Mar 2002 AA\n"), 'latin1'),
      context,
    });
    expect(table.problems).toEqual([
      expect.objectContaining({
        file: 'XVIII-11.csv',
        line: 2,
        reason: expect.stringMatching(/^this file is not UTF-8 \(line 2, character 2: byte 0xF4\)/),
      }),
    ]);
  });

  it('reads a UTF-8 file with or without a byte-order mark', () => {
    const body = `${header}icsft-1999,Côte d'Ivoire,ratification,2002-03-13,\n`;
    for (const content of [Buffer.from(body), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])]) {
      const parsed = parseActionsFile({ file: 'icao.csv', content, context });
      expect(parsed.problems).toEqual([]);
      expect(parsed.actions.map((a) => a.participantId)).toEqual(['CIV']);
    }
  });

  it('finds the line of the first byte that is not UTF-8, whatever the bytes', () => {
    const decode = (bytes: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const lines = fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 12 }),
        fc.string({ maxLength: 12 }).map((text) => Buffer.from(text)),
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(lines, (parts) => {
        const bytes = Buffer.concat(parts.map((part) => Buffer.concat([part, Buffer.from('\n')])));
        const { problem } = readDepositaryText('x.csv', bytes);
        expect(problem === undefined).toBe(decode(bytes));
        if (!problem) return;
        // Every line before the reported one is UTF-8; the file up to the end of the reported line is not.
        const starts = [0, ...[...bytes.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1)];
        expect(decode(bytes.subarray(0, starts[problem.line! - 1]))).toBe(true);
        expect(decode(bytes.subarray(0, starts[problem.line!]))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('UNTC dates', () => {
  it('accept the depositary form with an optional suffix and reject impossible days', () => {
    expect(parseUntcDate('9 Dec 1999')).toEqual({ date: '1999-12-09', suffix: '' });
    expect(parseUntcDate('24 Sep 2003 a')).toEqual({ date: '2003-09-24', suffix: 'a' });
    expect(parseUntcDate('29 Feb 2001')).toBeNull();
    expect(parseUntcDate('2001-02-01')).toBeNull();
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseUntcDate(text);
        if (parsed) expect(parsed.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });
});

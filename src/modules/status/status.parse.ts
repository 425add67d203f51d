import { isIsoDate, parseUntcDate } from '../../lib/dates.ts';
import { parseCsv, parseCsvRows } from '../../lib/csv.ts';
import type { FieldProblem } from '../../lib/errors.ts';
import type { AliasIndex } from '../participants/participants.service.ts';
import {
  ACTION_TYPE_SYNONYMS,
  UNTC_CONSENT_SUFFIX,
  actionKeyOf,
  categoryOf,
  isActionType,
  type ActionType,
} from './status.actions.ts';

/** One action read from a file, resolved to ids, with where it came from. */
export interface ParsedAction {
  file: string;
  line: number;
  instrumentId: string;
  participantId: string;
  actionKey: string;
  type: ActionType;
  date: string;
  effectiveDate: string | null;
  text: string | null;
  notificationRef: string | null;
  rawValue: string | null;
}

export interface InstrumentRef {
  id: string;
  untcNo: string | null;
  adoptedDate: string;
}

export interface ParseContext {
  instruments: InstrumentRef[];
  aliases: AliasIndex;
  /** Snapshot date: no action can be dated after it. */
  asOf: string;
}

export interface ParsedFile {
  file: string;
  instrumentId: string | null;
  actions: ParsedAction[];
  problems: FieldProblem[];
}

/** The columns of the generic actions format, for depositaries other than the UN. */
export const GENERIC_COLUMNS = [
  'instrument_id',
  'participant',
  'action',
  'date',
  'effective_date',
  'note',
  'notification_ref',
] as const;
const REQUIRED_GENERIC_COLUMNS = ['instrument_id', 'participant', 'action', 'date'] as const;

/** Largest file accepted: a depositary's whole list, with the text of every declaration, is a fraction of it. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Longest text of a declaration, reservation or objection (the `note` column). */
export const MAX_NOTE_CHARACTERS = 10_000;
/** Longest value of any other column (names, dates, action words, references) and of a UNTC cell. */
export const MAX_FIELD_CHARACTERS = 200;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a file, or the one problem that stops it from being read at all: too large, or not
 * UTF-8. A Latin-1 or Windows-1252 file would otherwise decode to names such as "C\uFFFDte d'Ivoire"
 * and be reported row by row as unknown participants, hiding the actual mistake.
 */
export function readDepositaryText(
  file: string,
  content: string | Buffer,
): { text: string; problem?: never } | { text?: never; problem: FieldProblem } {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (bytes > MAX_FILE_BYTES) {
    return {
      problem: {
        file,
        reason: `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${MAX_FILE_BYTES / 1024 / 1024} MB is accepted: split it into several files`,
      },
    };
  }
  if (typeof content === 'string') return { text: content };
  try {
    return { text: decoder.decode(content) };
  } catch {
    const offset = firstInvalidUtf8(content);
    // lastIndexOf counts a negative offset from the end: the first line starts at 0.
    const lineStart = offset === 0 ? 0 : content.lastIndexOf(0x0a, offset - 1) + 1;
    const line = countNewlines(content, offset) + 1;
    const character = [...decoder.decode(content.subarray(lineStart, offset))].length + 1;
    const byte =
      offset < content.length ? `: byte 0x${content[offset]!.toString(16).toUpperCase().padStart(2, '0')}` : '';
    return {
      problem: {
        file,
        line,
        reason: `this file is not UTF-8 (line ${line}, character ${character}${byte}); save it as UTF-8 (in Excel: "CSV UTF-8") and import it again`,
      },
    };
  }
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (the WHATWG decoder's rules). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= trailing; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += trailing + 1;
  }
  return bytes.length;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) count++;
  return count;
}

/** Length in characters (code points), as people count them; counted without copying the value. */
function characters(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** A problem for each value over its limit, naming the column and the limit but not repeating the value. */
function overLong(file: string, line: number, values: [field: string, value: string, limit: number][]): FieldProblem[] {
  return values.flatMap(([field, value, limit]) => {
    const length = value.length <= limit ? value.length : characters(value);
    return length <= limit
      ? []
      : [
          {
            file,
            line,
            field,
            reason: `is ${length.toLocaleString('en')} characters long; at most ${limit.toLocaleString('en')} are accepted`,
          },
        ];
  });
}

/**
 * Parses one UNTC status table (`XVIII-11.csv`): participant, signature, consent, read by position
 * because the header text differs between files and snapshots.
 */
export function parseUntcFile({
  file,
  content,
  context,
}: {
  file: string;
  content: string | Buffer;
  context: ParseContext;
}): ParsedFile {
  const problems: FieldProblem[] = [];
  const untcNo = file.replace(/\.csv$/i, '');
  const instrument = context.instruments.find((i) => i.untcNo === untcNo);
  if (!instrument) {
    return {
      file,
      instrumentId: null,
      actions: [],
      problems: [{ file, line: 1, field: 'file name', reason: `no instrument has the UNTC reference "${untcNo}"` }],
    };
  }

  const { text, problem } = readDepositaryText(file, content);
  if (problem) return { file, instrumentId: instrument.id, actions: [], problems: [problem] };
  let rows: { line: number; cells: string[] }[];
  try {
    rows = parseCsvRows(text);
  } catch (error) {
    return {
      file,
      instrumentId: instrument.id,
      actions: [],
      problems: [{ file, reason: `not a readable CSV file: ${(error as Error).message}` }],
    };
  }
  const [header, ...body] = rows;
  if (!header || header.cells.length < 3 || !/participant/i.test(header.cells[0] ?? '')) {
    problems.push({
      file,
      line: 1,
      reason: 'expected a header row with three columns: Participant, Signature, consent to be bound',
    });
    return { file, instrumentId: instrument.id, actions: [], problems };
  }

  const actions: ParsedAction[] = [];
  const seenParticipants = new Map<string, number>();
  const cellNames = ['Participant', 'Signature', 'consent'];
  for (const { line, cells } of body) {
    const tooLong = overLong(
      file,
      line,
      cells.map((cell, i) => [cellNames[i] ?? `column ${i + 1}`, cell, MAX_FIELD_CHARACTERS]),
    );
    if (tooLong.length > 0) {
      problems.push(...tooLong);
      continue;
    }
    const [name = '', signatureCell = '', consentCell = ''] = cells.map((cell) => cell.trim());
    if (cells.length !== 3) problems.push({ file, line, reason: `expected 3 cells, found ${cells.length}` });
    if (!name) {
      problems.push({ file, line, field: 'Participant', reason: 'participant name is empty' });
      continue;
    }
    const participantId = context.aliases.resolve(name);
    if (!participantId) {
      problems.push({
        file,
        line,
        field: 'Participant',
        reason: `unknown participant name "${name}"; add it to the alias table if it is another name of a known participant`,
      });
      continue;
    }
    const earlierLine = seenParticipants.get(participantId);
    if (earlierLine !== undefined) {
      problems.push({
        file,
        line,
        field: 'Participant',
        reason: `"${name}" is listed twice for this instrument (also on line ${earlierLine})`,
      });
      continue;
    }
    seenParticipants.set(participantId, line);

    const base = {
      file,
      line,
      instrumentId: instrument.id,
      participantId,
      effectiveDate: null,
      text: null,
      notificationRef: null,
    };
    if (signatureCell) {
      const parsed = parseUntcDate(signatureCell);
      if (!parsed || !['', 'd'].includes(parsed.suffix)) {
        problems.push({
          file,
          line,
          field: 'Signature',
          reason: `"${signatureCell}" is not a date of the form "9 Dec 1999" (optionally followed by "d")`,
        });
      } else {
        const type: ActionType = parsed.suffix === 'd' ? 'succession_to_signature' : 'signature';
        actions.push({
          ...base,
          type,
          actionKey: actionKeyOf({ type, date: parsed.date }),
          date: parsed.date,
          rawValue: signatureCell,
        });
      }
    }
    if (consentCell) {
      const parsed = parseUntcDate(consentCell);
      // Own keys only: a suffix such as "constructor" must not find Object.prototype members.
      const type =
        parsed && Object.hasOwn(UNTC_CONSENT_SUFFIX, parsed.suffix) ? UNTC_CONSENT_SUFFIX[parsed.suffix] : undefined;
      if (!parsed || !type) {
        problems.push({
          file,
          line,
          field: 'consent',
          reason: `"${consentCell}" is not a date of the form "24 Sep 2003" followed by nothing, a, A, AA or d`,
        });
      } else {
        actions.push({
          ...base,
          type,
          actionKey: actionKeyOf({ type, date: parsed.date }),
          date: parsed.date,
          rawValue: consentCell,
        });
      }
    }
  }
  problems.push(...checkDates(actions, context));
  return { file, instrumentId: instrument.id, actions, problems };
}

/** Parses a generic actions file (see GENERIC_COLUMNS); one file may cover several instruments. */
export function parseActionsFile({
  file,
  content,
  context,
}: {
  file: string;
  content: string | Buffer;
  context: ParseContext;
}): ParsedFile {
  const problems: FieldProblem[] = [];
  const { text, problem } = readDepositaryText(file, content);
  if (problem) return { file, instrumentId: null, actions: [], problems: [problem] };
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    return {
      file,
      instrumentId: null,
      actions: [],
      problems: [{ file, reason: `not a readable CSV file: ${(error as Error).message}` }],
    };
  }
  const firstRecord = records[0];
  if (!firstRecord) {
    return {
      file,
      instrumentId: null,
      actions: [],
      problems: [
        {
          file,
          line: 1,
          reason: `the file holds no actions: expected a header row (${GENERIC_COLUMNS.join(',')}) and one row per action`,
        },
      ],
    };
  }
  const columns = Object.keys(firstRecord.values);
  const missing = REQUIRED_GENERIC_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return {
      file,
      instrumentId: null,
      actions: [],
      problems: [
        { file, line: 1, reason: `missing column(s): ${missing.join(', ')}; expected ${GENERIC_COLUMNS.join(',')}` },
      ],
    };
  }

  const actions: ParsedAction[] = [];
  const seenKeys = new Map<string, number>();
  for (const { line, values } of records) {
    // Before anything else: the other checks quote values back, and a 20 MB value must not be.
    const tooLong = overLong(
      file,
      line,
      GENERIC_COLUMNS.flatMap((column) => {
        const value = values[column];
        return value === undefined
          ? []
          : [
              [column, value, column === 'note' ? MAX_NOTE_CHARACTERS : MAX_FIELD_CHARACTERS] as [
                string,
                string,
                number,
              ],
            ];
      }),
    );
    if (tooLong.length > 0) {
      problems.push(...tooLong);
      continue;
    }
    const instrumentId = (values.instrument_id ?? '').trim();
    const name = (values.participant ?? '').trim();
    const actionText = (values.action ?? '').trim().toLowerCase();
    const dateText = (values.date ?? '').trim();
    const effectiveText = (values.effective_date ?? '').trim();
    const lineProblems: FieldProblem[] = [];

    const instrument = context.instruments.find((i) => i.id === instrumentId);
    if (!instrument)
      lineProblems.push({
        file,
        line,
        field: 'instrument_id',
        reason: instrumentId ? `unknown instrument "${instrumentId}"` : 'instrument_id is empty',
      });
    const participantId = name ? context.aliases.resolve(name) : undefined;
    if (!participantId)
      lineProblems.push({
        file,
        line,
        field: 'participant',
        reason: name ? `unknown participant name "${name}"` : 'participant is empty',
      });
    const type = ACTION_TYPE_SYNONYMS[actionText] ?? actionText;
    if (!isActionType(type))
      lineProblems.push({ file, line, field: 'action', reason: `unknown action "${values.action ?? ''}"` });
    if (!isIsoDate(dateText))
      lineProblems.push({ file, line, field: 'date', reason: `"${dateText}" is not a date of the form YYYY-MM-DD` });
    if (effectiveText && !isIsoDate(effectiveText))
      lineProblems.push({
        file,
        line,
        field: 'effective_date',
        reason: `"${effectiveText}" is not a date of the form YYYY-MM-DD`,
      });
    if (lineProblems.length > 0 || !instrument || !participantId || !isActionType(type)) {
      problems.push(...lineProblems);
      continue;
    }
    if (categoryOf(type) === 'statement' && !(values.note ?? '').trim()) {
      problems.push({ file, line, field: 'note', reason: `a ${type} needs its text in the note column` });
      continue;
    }
    const text = (values.note ?? '').trim() || null;
    const actionKey = actionKeyOf({ type, date: dateText, text });
    const identity = `${instrument.id}|${participantId}|${actionKey}`;
    const earlierLine = seenKeys.get(identity);
    if (earlierLine !== undefined) {
      problems.push({
        file,
        line,
        reason: `the same ${categoryOf(type)} of "${name}" for ${instrument.id} is already on line ${earlierLine}`,
      });
      continue;
    }
    seenKeys.set(identity, line);
    actions.push({
      file,
      line,
      instrumentId: instrument.id,
      participantId,
      actionKey,
      type,
      date: dateText,
      effectiveDate: effectiveText || null,
      text,
      notificationRef: (values.notification_ref ?? '').trim() || null,
      rawValue: null,
    });
  }
  problems.push(...checkDates(actions, context));
  return { file, instrumentId: null, actions, problems };
}

/** Dates a depositary cannot have recorded: before the instrument was adopted, or after the snapshot. */
function checkDates(actions: ParsedAction[], context: ParseContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const action of actions) {
    const instrument = context.instruments.find((i) => i.id === action.instrumentId)!;
    if (action.date < instrument.adoptedDate) {
      problems.push({
        file: action.file,
        line: action.line,
        field: 'date',
        reason: `${action.type.replace(/_/g, ' ')} dated ${action.date} is before the instrument was adopted (${instrument.adoptedDate})`,
      });
    }
    if (action.date > context.asOf) {
      problems.push({
        file: action.file,
        line: action.line,
        field: 'date',
        reason: `${action.type.replace(/_/g, ' ')} dated ${action.date} is after the snapshot date ${context.asOf}`,
      });
    }
  }
  return problems;
}

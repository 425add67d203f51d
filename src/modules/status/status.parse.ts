import { isIsoDate, parseUntcDate } from '../../lib/dates.ts';
import { parseCsv, parseCsvRows } from '../../lib/csv.ts';
import type { FieldProblem } from '../../lib/errors.ts';
import type { AliasIndex } from '../participants/participants.service.ts';
import { ACTION_TYPE_SYNONYMS, UNTC_CONSENT_SUFFIX, actionKeyOf, categoryOf, isActionType, type ActionType } from './status.actions.ts';

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
export const GENERIC_COLUMNS = ['instrument_id', 'participant', 'action', 'date', 'effective_date', 'note', 'notification_ref'] as const;
const REQUIRED_GENERIC_COLUMNS = ['instrument_id', 'participant', 'action', 'date'] as const;

/**
 * Parses one UNTC status table (`XVIII-11.csv`): participant, signature, consent, read by position
 * because the header text differs between files and snapshots.
 */
export function parseUntcFile({ file, content, context }: { file: string; content: string | Buffer; context: ParseContext }): ParsedFile {
  const problems: FieldProblem[] = [];
  const untcNo = file.replace(/\.csv$/i, '');
  const instrument = context.instruments.find((i) => i.untcNo === untcNo);
  if (!instrument) {
    return { file, instrumentId: null, actions: [], problems: [{ file, line: 1, field: 'file name', reason: `no instrument has the UNTC reference "${untcNo}"` }] };
  }

  let rows: { line: number; cells: string[] }[];
  try {
    rows = parseCsvRows(content);
  } catch (error) {
    return { file, instrumentId: instrument.id, actions: [], problems: [{ file, reason: `not a readable CSV file: ${(error as Error).message}` }] };
  }
  const [header, ...body] = rows;
  if (!header || header.cells.length < 3 || !/participant/i.test(header.cells[0] ?? '')) {
    problems.push({ file, line: 1, reason: 'expected a header row with three columns: Participant, Signature, consent to be bound' });
    return { file, instrumentId: instrument.id, actions: [], problems };
  }

  const actions: ParsedAction[] = [];
  const seenParticipants = new Map<string, number>();
  for (const { line, cells } of body) {
    const [name = '', signatureCell = '', consentCell = ''] = cells.map((cell) => cell.trim());
    if (cells.length !== 3) problems.push({ file, line, reason: `expected 3 cells, found ${cells.length}` });
    if (!name) {
      problems.push({ file, line, field: 'Participant', reason: 'participant name is empty' });
      continue;
    }
    const participantId = context.aliases.resolve(name);
    if (!participantId) {
      problems.push({ file, line, field: 'Participant', reason: `unknown participant name "${name}"; add it to the alias table if it is another name of a known participant` });
      continue;
    }
    const earlierLine = seenParticipants.get(participantId);
    if (earlierLine !== undefined) {
      problems.push({ file, line, field: 'Participant', reason: `"${name}" is listed twice for this instrument (also on line ${earlierLine})` });
      continue;
    }
    seenParticipants.set(participantId, line);

    const base = { file, line, instrumentId: instrument.id, participantId, effectiveDate: null, text: null, notificationRef: null };
    if (signatureCell) {
      const parsed = parseUntcDate(signatureCell);
      if (!parsed || !['', 'd'].includes(parsed.suffix)) {
        problems.push({ file, line, field: 'Signature', reason: `"${signatureCell}" is not a date of the form "9 Dec 1999" (optionally followed by "d")` });
      } else {
        const type: ActionType = parsed.suffix === 'd' ? 'succession_to_signature' : 'signature';
        actions.push({ ...base, type, actionKey: actionKeyOf({ type, date: parsed.date }), date: parsed.date, rawValue: signatureCell });
      }
    }
    if (consentCell) {
      const parsed = parseUntcDate(consentCell);
      // Own keys only: a suffix such as "constructor" must not find Object.prototype members.
      const type = parsed && Object.hasOwn(UNTC_CONSENT_SUFFIX, parsed.suffix) ? UNTC_CONSENT_SUFFIX[parsed.suffix] : undefined;
      if (!parsed || !type) {
        problems.push({ file, line, field: 'consent', reason: `"${consentCell}" is not a date of the form "24 Sep 2003" followed by nothing, a, A, AA or d` });
      } else {
        actions.push({ ...base, type, actionKey: actionKeyOf({ type, date: parsed.date }), date: parsed.date, rawValue: consentCell });
      }
    }
  }
  problems.push(...checkDates(actions, context));
  return { file, instrumentId: instrument.id, actions, problems };
}

/** Parses a generic actions file (see GENERIC_COLUMNS); one file may cover several instruments. */
export function parseActionsFile({ file, content, context }: { file: string; content: string | Buffer; context: ParseContext }): ParsedFile {
  const problems: FieldProblem[] = [];
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    return { file, instrumentId: null, actions: [], problems: [{ file, reason: `not a readable CSV file: ${(error as Error).message}` }] };
  }
  const firstRecord = records[0];
  if (!firstRecord) {
    return { file, instrumentId: null, actions: [], problems: [{ file, line: 1, reason: `the file holds no actions: expected a header row (${GENERIC_COLUMNS.join(',')}) and one row per action` }] };
  }
  const columns = Object.keys(firstRecord.values);
  const missing = REQUIRED_GENERIC_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return { file, instrumentId: null, actions: [], problems: [{ file, line: 1, reason: `missing column(s): ${missing.join(', ')}; expected ${GENERIC_COLUMNS.join(',')}` }] };
  }

  const actions: ParsedAction[] = [];
  const seenKeys = new Map<string, number>();
  for (const { line, values } of records) {
    const instrumentId = (values.instrument_id ?? '').trim();
    const name = (values.participant ?? '').trim();
    const actionText = (values.action ?? '').trim().toLowerCase();
    const dateText = (values.date ?? '').trim();
    const effectiveText = (values.effective_date ?? '').trim();
    const lineProblems: FieldProblem[] = [];

    const instrument = context.instruments.find((i) => i.id === instrumentId);
    if (!instrument) lineProblems.push({ file, line, field: 'instrument_id', reason: instrumentId ? `unknown instrument "${instrumentId}"` : 'instrument_id is empty' });
    const participantId = name ? context.aliases.resolve(name) : undefined;
    if (!participantId) lineProblems.push({ file, line, field: 'participant', reason: name ? `unknown participant name "${name}"` : 'participant is empty' });
    const type = ACTION_TYPE_SYNONYMS[actionText] ?? actionText;
    if (!isActionType(type)) lineProblems.push({ file, line, field: 'action', reason: `unknown action "${values.action ?? ''}"` });
    if (!isIsoDate(dateText)) lineProblems.push({ file, line, field: 'date', reason: `"${dateText}" is not a date of the form YYYY-MM-DD` });
    if (effectiveText && !isIsoDate(effectiveText)) lineProblems.push({ file, line, field: 'effective_date', reason: `"${effectiveText}" is not a date of the form YYYY-MM-DD` });
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
      problems.push({ file, line, reason: `the same ${categoryOf(type)} of "${name}" for ${instrument.id} is already on line ${earlierLine}` });
      continue;
    }
    seenKeys.set(identity, line);
    actions.push({
      file, line, instrumentId: instrument.id, participantId, actionKey, type, date: dateText,
      effectiveDate: effectiveText || null, text, notificationRef: (values.notification_ref ?? '').trim() || null, rawValue: null,
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
      problems.push({ file: action.file, line: action.line, field: 'date', reason: `${action.type.replace(/_/g, ' ')} dated ${action.date} is before the instrument was adopted (${instrument.adoptedDate})` });
    }
    if (action.date > context.asOf) {
      problems.push({ file: action.file, line: action.line, field: 'date', reason: `${action.type.replace(/_/g, ' ')} dated ${action.date} is after the snapshot date ${context.asOf}` });
    }
  }
  return problems;
}

import type { Db } from '../../db/client.ts';
import { listInstruments, type InstrumentRecord } from '../instruments/instruments.repository.ts';
import { entryIntoForceFor } from '../instruments/instruments.service.ts';
import {
  listAliases,
  listParticipants,
  listRegions,
  type ParticipantRecord,
  type RegionRecord,
} from '../participants/participants.repository.ts';
import { categoryOf, type ActionType } from './status.actions.ts';
import { actionsOfInstruments, allActions, listSnapshots, readDataVersion } from './status.repository.ts';

export interface DatedAction {
  type: ActionType;
  date: string;
  effectiveDate: string | null;
}

/** Where one participant stands with one instrument, from all its recorded actions. */
export interface Participation {
  participantId: string;
  signature: DatedAction | null;
  consent: DatedAction | null;
  withdrawal: DatedAction | null;
  /** Date the instrument is (or was) in force for the participant, from the EIF rule. */
  inForceFrom: string | null;
  statements: { type: ActionType; date: string; text: string | null }[];
  /** A newer depositary list no longer shows one of its actions: flagged for review. */
  flagged: boolean;
}

/** Everything the status queries need, held in memory: a few thousand rows. */
export interface StatusDataset {
  version: number;
  instruments: InstrumentRecord[];
  instrumentsById: Map<string, InstrumentRecord>;
  participants: ParticipantRecord[];
  participantsById: Map<string, ParticipantRecord>;
  /** Other names of each participant (depositary spellings, former names), for suggestions on an unknown code. */
  aliasesByParticipant: Map<string, string[]>;
  regions: RegionRecord[];
  /** instrument id → participant id → participation; only the instruments asked for when loadDataset was given some */
  participations: Map<string, Map<string, Participation>>;
  /** Instruments for which a depositary list or actions file has been imported. */
  instrumentsWithData: Set<string>;
  /**
   * Instruments for which the depositary's complete list has been imported: only for these is a
   * participant with no recorded consent known not to be a party. The others' data are partial.
   */
  instrumentsWithCompleteData: Set<string>;
  /**
   * Per instrument, the date up to which its data are known: the newest complete list's date, or for
   * partial data the newest list's. A figure asked for a later date cannot include later actions.
   */
  dataAsOf: Map<string, string>;
}

/**
 * Reads the dataset. Given `instrumentIds`, only those instruments' treaty actions are read (a command that answers
 * about one instrument reads a tenth of them); the catalogue, participants and coverage are always whole, so that an
 * unknown id still gets its suggestions.
 */
export async function loadDataset(
  db: Db,
  { instrumentIds }: { instrumentIds?: string[] } = {},
): Promise<StatusDataset> {
  const version = await readDataVersion(db);
  const [instruments, participants, regions, actions, snapshots, aliases] = await Promise.all([
    listInstruments(db),
    listParticipants(db),
    listRegions(db),
    instrumentIds ? actionsOfInstruments(db, instrumentIds) : allActions(db),
    listSnapshots(db),
    listAliases(db),
  ]);
  const aliasesByParticipant = new Map<string, string[]>();
  for (const { participantId, alias } of aliases)
    aliasesByParticipant.set(participantId, [...(aliasesByParticipant.get(participantId) ?? []), alias]);
  const instrumentsById = new Map(instruments.map((i) => [i.id, i]));
  const loaded = instrumentIds ? instruments.filter((i) => instrumentIds.includes(i.id)) : instruments;
  const participations = new Map<string, Map<string, Participation>>(loaded.map((i) => [i.id, new Map()]));

  for (const action of actions) {
    const byParticipant = participations.get(action.instrumentId)!;
    let participation = byParticipant.get(action.participantId);
    if (!participation) {
      participation = {
        participantId: action.participantId,
        signature: null,
        consent: null,
        withdrawal: null,
        inForceFrom: null,
        statements: [],
        flagged: false,
      };
      byParticipant.set(action.participantId, participation);
    }
    const type = action.type as ActionType;
    const dated: DatedAction = { type, date: action.date, effectiveDate: action.effectiveDate };
    const category = categoryOf(type);
    if (category === 'statement') participation.statements.push({ type, date: action.date, text: action.text });
    else participation[category] = dated;
    if (action.reviewStatus !== 'current') participation.flagged = true;
  }
  for (const [instrumentId, byParticipant] of participations) {
    const instrument = instrumentsById.get(instrumentId)!;
    for (const participation of byParticipant.values()) {
      if (participation.consent) participation.inForceFrom = entryIntoForceFor(instrument, participation.consent);
    }
  }

  const instrumentsWithData = new Set<string>();
  const instrumentsWithCompleteData = new Set<string>();
  const newestComplete = new Map<string, string>();
  const newestAny = new Map<string, string>();
  const keepNewest = (map: Map<string, string>, id: string, date: string) => {
    const known = map.get(id);
    if (!known || date > known) map.set(id, date);
  };
  for (const snapshot of snapshots) {
    for (const file of snapshot.files) {
      instrumentsWithData.add(file.instrumentId);
      keepNewest(newestAny, file.instrumentId, snapshot.asOf);
      if (file.complete) {
        instrumentsWithCompleteData.add(file.instrumentId);
        keepNewest(newestComplete, file.instrumentId, snapshot.asOf);
      }
    }
  }
  const dataAsOf = new Map([...newestAny].map(([id, date]) => [id, newestComplete.get(id) ?? date]));

  return {
    version,
    instruments,
    instrumentsById,
    participants,
    participantsById: new Map(participants.map((p) => [p.id, p])),
    aliasesByParticipant,
    regions,
    participations,
    instrumentsWithData,
    instrumentsWithCompleteData,
    dataAsOf,
  };
}

/**
 * Keeps the dataset in memory and reloads it when an import anywhere has bumped the data version.
 * The version is checked at most once per `checkIntervalMs`, so other instances see an import within
 * that interval while each request is answered from memory.
 */
export function createDatasetCache({ db, checkIntervalMs = 1000 }: { db: Db; checkIntervalMs?: number }) {
  let dataset: Promise<StatusDataset> | null = null;
  let checkedAt = 0;

  const get = async (): Promise<StatusDataset> => {
    if (!dataset) {
      dataset = loadDataset(db);
      checkedAt = Date.now();
      dataset.catch(() => {
        dataset = null;
      });
      return dataset;
    }
    if (Date.now() - checkedAt >= checkIntervalMs) {
      checkedAt = Date.now();
      const [current, version] = await Promise.all([dataset, readDataVersion(db)]);
      if (version !== current.version) dataset = loadDataset(db);
    }
    return dataset;
  };
  return { get };
}

export type DatasetCache = ReturnType<typeof createDatasetCache>;

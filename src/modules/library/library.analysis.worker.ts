import { parentPort } from 'node:worker_threads';
import { referencesOfTexts, type AnalysisTask } from './library.analysis.ts';
import { buildMatcher, type ReferenceMatcher } from './references/extract-references.ts';
import { entriesOf } from './search/entries.ts';

/** The worker side of library.analysis.ts: one task at a time, answered by id. */

// Building a matcher compiles every name; it is kept for as long as the reference data is the same.
let matcher: { key: number; matcher: ReferenceMatcher } | null = null;

parentPort!.on('message', (message: AnalysisTask & { id: number }) => {
  try {
    if (message.task === 'references') {
      if (matcher?.key !== message.gazetteerKey)
        matcher = { key: message.gazetteerKey, matcher: buildMatcher(message.gazetteer) };
      const extract = matcher.matcher;
      parentPort!.postMessage({
        id: message.id,
        result: message.texts.map((texts) => referencesOfTexts(extract, texts)),
      });
    } else {
      const texts = new Map(message.texts.map(([id, byLanguage]) => [id, new Map(byLanguage)]));
      const entries = message.sources.flatMap((source) =>
        entriesOf(source, texts.get(source.id) ?? new Map(), message.vectorForm),
      );
      parentPort!.postMessage({ id: message.id, result: entries });
    }
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

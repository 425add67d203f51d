/**
 * Version of what an entry holds. Raised whenever indexing changes what a search can find, so that
 * entries built before are rebuilt (reindexOutdated): 2 added the pairs of Chinese words, 3 builds
 * the vectors in JavaScript (see lexemes.ts). Alone in its file: entries.ts runs on worker threads.
 */
export const SEARCH_INDEX_VERSION = 3;

import { and, eq } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import type { FileType, VersionText } from '../../contracts/library.ts';
import { notFound } from '../../lib/errors.ts';
import type { Actor } from '../accounts/policy.ts';
import { decodeHtml, decodeText } from './extract/text.ts';
import { readableDocument, type LibraryDeps } from './library.documents.ts';
import { libraryExpressions, libraryFiles } from './library.table.ts';
import { RenderCache } from './render/cache.ts';
import { renderTextOffThread } from './render/off-thread.ts';
import { renderingOf, type RenderedText } from './render/render.ts';

/** About 100 MB of rendered HTML (two bytes a character): dozens of long reports. */
const cache = new RenderCache(50_000_000);

/**
 * A version's text with what the page shows of it. Markdown and HTML render from the original file,
 * not from the extracted text, whose tidied whitespace has lost Markdown's indentation and line breaks.
 */
export async function versionText(
  deps: LibraryDeps,
  actor: Actor,
  documentId: string,
  expressionId: string,
): Promise<VersionText> {
  await readableDocument(deps.db, actor, documentId);
  const [row] = await deps.db
    .select({ lang: libraryExpressions.lang, text: libraryExpressions.text, file: libraryFiles })
    .from(libraryExpressions)
    .leftJoin(libraryFiles, eq(libraryFiles.id, libraryExpressions.fileId))
    .where(and(eq(libraryExpressions.id, expressionId), eq(libraryExpressions.documentId, documentId)));
  if (!row) throw notFound('library.version_not_found', 'This document has no such version.');
  const rendering = renderingOf((row.file?.fileType ?? null) as FileType | null);
  let rendered: RenderedText = { rendering, html: null, toc: [] };
  if (row.file && rendering !== 'plain') {
    const key = `${rendering}:${row.file.sha256}`;
    const cached = cache.get(key);
    if (cached) rendered = cached;
    else {
      const bytes = await deps.files.get(row.file.storageKey);
      const source = (rendering === 'html' ? decodeHtml(bytes) : decodeText(bytes)).normalize('NFC');
      rendered = await renderTextOffThread(source, rendering);
      cache.set(key, rendered);
    }
  }
  return { language: row.lang as Language, text: row.text, ...rendered };
}

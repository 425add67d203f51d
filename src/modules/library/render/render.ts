import MarkdownIt from 'markdown-it';
import type { FileType, TextRendering, TocEntry } from '../../../contracts/library.ts';
import { sanitize } from './sanitize.ts';

export interface RenderedText {
  rendering: TextRendering;
  /** Sanitised HTML; null when the text is shown as plain text. */
  html: string | null;
  toc: TocEntry[];
}

/** A table of contents is worth its space from this many h1–h3 headings… */
export const TOC_MIN_HEADINGS = 3;
/** …in a text longer than about two screens. */
export const TOC_MIN_CHARS = 4000;

// Raw HTML in Markdown is allowed through to the sanitiser, which decides what survives: a <sup> or a
// <br> written in a Markdown file shows as intended, a <script> goes.
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

/** Which originals are rendered as formatted text; PDF, DOCX and .txt stay plain. */
export function renderingOf(fileType: FileType | null): TextRendering {
  return fileType === 'md' ? 'markdown' : fileType === 'html' ? 'html' : 'plain';
}

/** Safe HTML of a Markdown or HTML original, with ids on its headings and, for a long text, their list. */
export function renderText(source: string, rendering: TextRendering): RenderedText {
  if (rendering === 'plain') return { rendering, html: null, toc: [] };
  const clean = sanitize(rendering === 'markdown' ? markdown.render(source) : source);
  const { html, headings } = withHeadingIds(clean);
  const long = headings.length >= TOC_MIN_HEADINGS && source.length >= TOC_MIN_CHARS;
  return { rendering, html: wrapTables(html), toc: long ? headings : [] };
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
/** The sanitiser escapes only these five in text. */
const decode = (text: string) => text.replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity]!);

/**
 * A slug that keeps letters and digits of every script (Arabic and Chinese headings get readable ids
 * too), prefixed so that no heading id can collide with an id of the page around it.
 */
export function slug(text: string): string {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return `sec-${words.join('-').slice(0, 60).replace(/-$/, '') || 'section'}`;
}

/**
 * Gives each heading an id, unique in the document, and lists h1–h3. Works on the sanitiser's output,
 * where headings are written `<hN>` without attributes, so a pattern finds them all.
 */
export function withHeadingIds(html: string): { html: string; headings: TocEntry[] } {
  const used = new Set<string>();
  const headings: TocEntry[] = [];
  const out = html.replace(/<h([1-6])>([\s\S]*?)<\/h\1>/g, (_match, level: string, inner: string) => {
    const text = decode(inner.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    const base = slug(text);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    if (Number(level) <= 3 && text) headings.push({ level: Number(level), id, text });
    return `<h${level} id="${id}">${inner}</h${level}>`;
  });
  return { html: out, headings };
}

/** Wide tables scroll on their own (a phone shows the text beside them); the keyboard can scroll them too. */
const wrapTables = (html: string) =>
  html.replace(/<table>/g, '<div class="doc-table" tabindex="0"><table>').replace(/<\/table>/g, '</table></div>');

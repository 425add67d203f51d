import { Fragment, type CSSProperties } from 'react';

// Bold as well as highlighted: the colour is not the only sign of a match.
const MARK: CSSProperties = { fontWeight: 700 };

/** A search snippet, its matches (between [[ and ]]) in <mark>: split as text, never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[\[(.*?)\]\]/s);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} style={MARK}>
            {part}
          </mark>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** Words and "quoted phrases" of a search query, without the excluded (-word) ones, to find again in a text. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const pattern = /(-?)"([^"]+)"|(-?)(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const excluded = (match[1] ?? match[3]) === '-';
    const term = (match[2] ?? match[4] ?? '').replace(/^[-+]+/, '').trim();
    if (!excluded && term) terms.push(term);
  }
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A text with every occurrence of the terms (any case) in <mark>. */
export function HighlightedText({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  // The longest terms first, so that a phrase wins over a word it contains.
  const parts = text.split(new RegExp(`(${terms.map(escape).join('|')})`, 'giu'));
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} style={MARK}>
            {part}
          </mark>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * Marks the terms in the text of an element's content, node by node, so the markup around them is kept.
 * For server-sanitised HTML shown with dangerouslySetInnerHTML, which React does not see into.
 */
export function highlightIn(element: HTMLElement, terms: string[]): void {
  if (terms.length === 0) return;
  const pattern = new RegExp(`(${terms.map(escape).join('|')})`, 'giu');
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  for (const node of nodes) {
    const parts = (node.nodeValue ?? '').split(pattern);
    if (parts.length === 1) continue;
    const fragment = document.createDocumentFragment();
    parts.forEach((part, index) => {
      if (index % 2 === 0) {
        if (part) fragment.append(part);
        return;
      }
      // Bold comes from the stylesheet (.doc-body mark), as for MARK above.
      const mark = document.createElement('mark');
      mark.textContent = part;
      fragment.append(mark);
    });
    node.replaceWith(fragment);
  }
}

import { Fragment, type CSSProperties } from 'react';

// Bold as well as highlighted: the colour is not the only sign of a match.
const MARK: CSSProperties = { fontWeight: 700 };

/** A search snippet, its matches (between [[ and ]]) in <mark>: split as text, never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[\[(.*?)\]\]/s);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <mark key={index} style={MARK}>{part}</mark> : <Fragment key={index}>{part}</Fragment>))}</>;
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
  return <>{parts.map((part, index) => (index % 2 === 1 ? <mark key={index} style={MARK}>{part}</mark> : <Fragment key={index}>{part}</Fragment>))}</>;
}

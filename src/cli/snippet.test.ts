import { describe, expect, it } from 'vitest';
import { showsBold, terminalSnippet } from './snippet.ts';

describe('search snippets on a terminal', () => {
  const snippet = 'Whoever provides or collects funds for the [[financing]] of [[terrorism]] is punished.';

  it('shows the matches in bold on a terminal, without the [[ ]] markers', () => {
    expect(terminalSnippet(snippet, { bold: true })).toBe(
      'Whoever provides or collects funds for the \x1b[1mfinancing\x1b[22m of \x1b[1mterrorism\x1b[22m is punished.',
    );
  });

  it('removes the markers and adds no escape codes when the output is not a terminal', () => {
    expect(terminalSnippet(snippet, { bold: false })).toBe(
      'Whoever provides or collects funds for the financing of terrorism is punished.',
    );
  });

  it('cuts by visible characters, never inside a marker, a style or a Chinese or emoji character', () => {
    expect(terminalSnippet(snippet, { bold: false, maxChars: 60 })).toBe(
      'Whoever provides or collects funds for the financing of terr',
    );
    expect(terminalSnippet(snippet, { bold: true, maxChars: 60 })).toBe(
      'Whoever provides or collects funds for the \x1b[1mfinancing\x1b[22m of \x1b[1mterr\x1b[22m',
    );
    expect(terminalSnippet('提供[[技术援助]]😀方面', { bold: false, maxChars: 7 })).toBe('提供技术援助😀');
  });

  it('starts a long snippet shortly before its first match, so that the match shows', () => {
    const long = `${'前文'.repeat(50)}提供[[技术援助]]方面`;
    expect(terminalSnippet(long, { bold: false, maxChars: 30 })).toBe(`…${'前文'.repeat(9)}提供技术援助方面`);
  });

  it('uses bold only on a terminal that shows styles, and never with NO_COLOR', () => {
    const terminal = { isTTY: true, hasColors: () => true };
    expect(showsBold(terminal, {})).toBe(true);
    expect(showsBold(terminal, { NO_COLOR: '1' })).toBe(false);
    expect(showsBold({ isTTY: true, hasColors: () => false }, {})).toBe(false);
    expect(showsBold({ isTTY: false }, {})).toBe(false);
    expect(showsBold({}, {})).toBe(false);
  });
});

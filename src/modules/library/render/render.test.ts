import { describe, expect, it } from 'vitest';
import { RenderCache } from './cache.ts';
import { renderingOf, renderText, slug, TOC_MIN_CHARS } from './render.ts';

const markdown = (source: string) => renderText(source, 'markdown').html!;
const html = (source: string) => renderText(source, 'html').html!;

/** What can run, load or restyle something; none of it may survive either renderer. */
function expectInert(out: string) {
  expect(out).not.toMatch(/<script|<iframe|<object|<embed|<form|<input|<img|<style|<svg/i);
  expect(out).not.toMatch(/\son[a-z]+\s*=/i);
  expect(out).not.toMatch(/javascript:|vbscript:|data:/i);
  expect(out).not.toMatch(/\sstyle\s*=/i);
  expect(out).not.toMatch(/\sclass="(?!align-)/);
}

const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src="x" onerror="alert(1)" alt="Seal of the court">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt&colon;alert(1)">click</a>',
  '<p style="position:fixed;inset:0" onclick="steal()" class="evil" id="root">styled</p>',
  '<iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x">',
  '<form action="https://evil.example"><input name="password"></form>',
  '<svg onload="alert(1)"><circle /></svg>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<style>body { display: none }</style>',
];

describe('rendering a library text', () => {
  it('shows Markdown headings, tables and emphasis as HTML, not as ## and pipes', () => {
    const out = markdown(
      '# Act on terrorism\n\nThe **offence** is *defined* here.\n\n## Penalties\n\n' +
        '| Offence | Years |\n|---|--:|\n| Financing | 10 |\n',
    );
    expect(out).toContain('<h1 id="sec-act-on-terrorism">Act on terrorism</h1>');
    expect(out).toContain('<h2 id="sec-penalties">Penalties</h2>');
    expect(out).toContain('<strong>offence</strong> is <em>defined</em>');
    expect(out).toContain('<th>Offence</th>');
    // The alignment survives as a logical class, not as a style attribute.
    expect(out).toContain('<td class="align-end">10</td>');
    expect(out).toMatch(/<div class="doc-table" tabindex="0"><table>[\s\S]*<\/table><\/div>/);
    expect(out).not.toMatch(/##|\|---|\*\*/);
  });

  it.each(ATTACKS)('removes everything active from raw HTML inside Markdown: %s', (attack) => {
    expectInert(markdown(`## Heading\n\nText before.\n\n${attack}\n\nText after ${attack} inline.\n`));
  });

  it.each(ATTACKS)('removes everything active from an HTML original: %s', (attack) => {
    expectInert(html(`<html><head><title>Page</title></head><body><h2>Heading</h2><p>Text</p>${attack}</body></html>`));
  });

  it('keeps the words of an HTML original, its safe links and the alternative text of its images', () => {
    const out = html(
      '<html><head><title>Window title</title><script>x()</script></head><body><h2>Part I</h2>' +
        '<p>See <a href="https://www.unodc.org/" target="_blank">UNODC</a> or <a href="mailto:tpb@un.org">write</a>.' +
        ' <img src="https://tracker.example/pixel.gif" alt="Seal of the court"></p></body></html>',
    );
    expect(out).toContain('<a href="https://www.unodc.org/" rel="noopener noreferrer">UNODC</a>');
    expect(out).toContain('<a href="mailto:tpb@un.org" rel="noopener noreferrer">write</a>');
    expect(out).toContain('Seal of the court');
    expect(out).not.toContain('tracker.example');
    expect(out).not.toContain('Window title');
    expect(out).not.toContain('x()');
  });

  it('drops a link address that is not http(s), mailto or relative, but keeps its text', () => {
    // markdown-it leaves such a link as the text it was written as.
    const out = markdown('[click](javascript:alert(1)) and [ok](/library)');
    expect(out).not.toMatch(/href="javascript/i);
    expect(out).toContain('<a href="/library" rel="noopener noreferrer">ok</a>');
    expect(
      html('<a href="javascript:alert(1)">click</a> <a href="//evil.example/x">far</a> <a href="/library">ok</a>'),
    ).toBe(
      '<a rel="noopener noreferrer">click</a> <a rel="noopener noreferrer">far</a> ' +
        '<a href="/library" rel="noopener noreferrer">ok</a>',
    );
  });

  it("gives Arabic and Chinese headings readable ids, unique in the document, and lists a long text's", () => {
    const filler = 'نص المادة. '.repeat(Math.ceil(TOC_MIN_CHARS / 10));
    const source =
      `# قانون مكافحة الإرهاب\n\n${filler}\n\n## الفصل الأول: تعاريف\n\n${filler}\n\n` +
      '## الفصل الأول: تعاريف\n\n' +
      '### 第一条 定义\n\n#### 细则\n\n## 1. Scope & "purpose"\n';
    const { html: out, toc } = renderText(source, 'markdown');
    expect(toc).toEqual([
      { level: 1, id: 'sec-قانون-مكافحة-الإرهاب', text: 'قانون مكافحة الإرهاب' },
      { level: 2, id: 'sec-الفصل-الأول-تعاريف', text: 'الفصل الأول: تعاريف' },
      { level: 2, id: 'sec-الفصل-الأول-تعاريف-2', text: 'الفصل الأول: تعاريف' },
      { level: 3, id: 'sec-第一条-定义', text: '第一条 定义' },
      { level: 2, id: 'sec-1-scope-purpose', text: '1. Scope & "purpose"' },
    ]);
    expect(out).toContain('<h4 id="sec-细则">细则</h4>');
    const ids = [...out!.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists no headings for a short text, nor for a long one with fewer than three headings', () => {
    expect(renderText('# One\n\n## Two\n\n## Three\n\nShort.', 'markdown').toc).toEqual([]);
    expect(renderText(`# One\n\n${'Long text. '.repeat(1000)}\n\n## Two`, 'markdown').toc).toEqual([]);
  });

  it('leaves plain text plain: PDF, DOCX and .txt originals are not parsed as Markdown', () => {
    expect(renderingOf('pdf')).toBe('plain');
    expect(renderingOf('docx')).toBe('plain');
    expect(renderingOf('txt')).toBe('plain');
    expect(renderingOf(null)).toBe('plain');
    expect(renderingOf('md')).toBe('markdown');
    expect(renderingOf('html')).toBe('html');
    expect(renderText('## Not a heading\n| a | b |', 'plain')).toEqual({ rendering: 'plain', html: null, toc: [] });
  });

  it('makes slugs of any script, and a fallback for a heading without letters', () => {
    expect(slug('Article 2 — Financing')).toBe('sec-article-2-financing');
    expect(slug('Статья 2. Финансирование')).toBe('sec-статья-2-финансирование');
    expect(slug('—')).toBe('sec-section');
  });
});

describe('the render cache', () => {
  it('forgets the least recently used text once it holds too much', () => {
    const cache = new RenderCache(10);
    const entry = (html: string) => ({ rendering: 'html' as const, html, toc: [] });
    cache.set('a', entry('aaaa'));
    cache.set('b', entry('bbbb'));
    cache.get('a');
    cache.set('c', entry('cccc'));
    expect(cache.get('a')?.html).toBe('aaaa');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')?.html).toBe('cccc');
    cache.set('huge', entry('x'.repeat(11)));
    expect(cache.get('huge')).toBeUndefined();
  });
});

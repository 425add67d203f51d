import { Anchor, List, Paper } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionText } from '../library.api.ts';
import { highlightIn } from './Highlight.tsx';

/** The headings of a long text, as links to them. */
function Contents({ toc, language }: { toc: VersionText['toc']; language: string }) {
  const { t } = useTranslation('library');
  const top = Math.min(...toc.map((entry) => entry.level));
  return (
    <Paper withBorder p="sm" radius="md" component="nav" aria-label={t('document.contents')} className="doc-contents">
      <List listStyleType="none" spacing={2} lang={language} dir="auto">
        {toc.map((entry) => (
          <List.Item key={entry.id} style={{ paddingInlineStart: `${(entry.level - top) * 1.25}rem` }}>
            <Anchor href={`#${entry.id}`} size="sm">
              {entry.text}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

/**
 * A Markdown or HTML original as the server rendered and sanitised it (no scripts, handlers, styles or
 * images survive there), with the words of the search marked. Only server-sanitised HTML comes here.
 */
export function RenderedText({
  text,
  terms,
  label,
}: {
  text: VersionText & { html: string };
  terms: string[];
  label: string;
}) {
  const body = useRef<HTMLDivElement>(null);
  // By value: the terms are a new array on every render, and marking twice would nest the marks.
  const termKey = terms.join('\u0000');
  useEffect(() => {
    if (body.current && termKey) highlightIn(body.current, termKey.split('\u0000'));
  }, [termKey, text.html]);
  return (
    <>
      {text.toc.length > 0 && <Contents toc={text.toc} language={text.language} />}
      <Paper withBorder p="md" radius="md">
        <div
          // A new element when the terms change: the marks of the previous search are not in the new HTML.
          key={termKey}
          ref={body}
          className="doc-body"
          lang={text.language}
          dir="auto"
          tabIndex={0}
          role="region"
          aria-label={label}
          dangerouslySetInnerHTML={{ __html: text.html }}
        />
      </Paper>
    </>
  );
}

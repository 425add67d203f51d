import type { Change } from '../../contracts/status.ts';
import type { Language } from '../../contracts/languages.ts';
import { translate } from '../../lib/locales.ts';
import { escapeXml } from '../../lib/xml.ts';

/** One change as a sentence in the feed's language, with the web app's own translations. */
function describe(item: Change, instrument: string, lang: Language): string {
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const action = (value: unknown) => {
    const { type, date: day } = (value ?? {}) as { type?: string; date?: string };
    return type
      ? `${translate(lang, 'status', `actions.${type}`)} ${day ? date.format(new Date(`${day}T00:00:00Z`)) : ''}`.trim()
      : '';
  };
  const what = translate(lang, 'status', `changes.kinds.${item.change}`, {
    before: action(item.before),
    after: action(item.after),
  });
  return `${item.participantName} · ${instrument}: ${what}`;
}

/** An Atom 1.0 feed (RFC 4287) of status changes, so people can subscribe per instrument or per country. */
export function changesFeed({
  items,
  base,
  query,
  lang,
  instrumentLabel,
  updated,
}: {
  items: Change[];
  base: string;
  query: string;
  lang: Language;
  instrumentLabel: (id: string) => string;
  updated: string;
}): string {
  const entries = items.map((item) => {
    const title = describe(item, instrumentLabel(item.instrument), lang);
    return `  <entry>
    <id>urn:lexpact:status-change:${item.id}</id>
    <title>${escapeXml(title)}</title>
    <updated>${escapeXml(new Date(item.detectedAt).toISOString())}</updated>
    <link rel="alternate" href="${escapeXml(`${base}/countries/${item.participant}`)}"/>
    <category term="${escapeXml(item.instrument)}"/>
    <category term="${escapeXml(item.participant)}"/>
    <summary>${escapeXml(`${title} (${item.snapshot})`)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${escapeXml(`${base}${query}`)}</id>
  <title>${escapeXml(`${translate(lang, 'common', 'app.name')}: ${translate(lang, 'common', 'nav.changes')}`)}</title>
  <updated>${escapeXml(new Date(updated).toISOString())}</updated>
  <link rel="self" href="${escapeXml(`${base}${query}`)}"/>
  <author><name>Lexpact</name></author>
${entries.join('\n')}
</feed>
`;
}

import type { Language } from '../../contracts/languages.ts';
import { translate } from '../../lib/locales.ts';
import { escapeXml } from '../../lib/xml.ts';
import type { DocumentSummary } from './library.read.ts';

/** An Atom 1.0 feed (RFC 4287) of new and updated library documents. */
export function documentsFeed({
  items,
  base,
  self,
  lang,
  updated,
}: {
  items: DocumentSummary[];
  base: string;
  self: string;
  lang: Language;
  updated: string;
}): string {
  const entries = items.map((item) => {
    const kind = translate(lang, 'library', `kinds.${item.kind}`);
    const summary = [kind, item.countryName, item.symbol, item.date].filter(Boolean).join(' · ');
    return `  <entry>
    <id>urn:lexpact:library:${item.id}</id>
    <title>${escapeXml(item.title)}</title>
    <updated>${escapeXml(new Date(item.updatedAt).toISOString())}</updated>
    <published>${escapeXml(new Date(item.createdAt).toISOString())}</published>
    <link rel="alternate" href="${escapeXml(`${base}/library/${item.id}`)}"/>
    <category term="${escapeXml(item.kind)}" label="${escapeXml(kind)}"/>${item.country ? `\n    <category term="${escapeXml(item.country)}"/>` : ''}
    <summary>${escapeXml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${escapeXml(self)}</id>
  <title>${escapeXml(`${translate(lang, 'common', 'app.name')}: ${translate(lang, 'library', 'feed.title')}`)}</title>
  <updated>${escapeXml(new Date(updated).toISOString())}</updated>
  <link rel="self" href="${escapeXml(self)}"/>
${entries.join('\n')}
</feed>
`;
}

import type { Change } from '../../contracts/status.ts';
import type { Language } from '../../contracts/languages.ts';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const describe = (item: Change, instrument: string) => {
  const after = item.after as { type?: string; date?: string } | null;
  const before = item.before as { type?: string; date?: string } | null;
  switch (item.change) {
    case 'added': return `${item.participantName}: ${after?.type?.replace(/_/g, ' ')} of ${instrument} on ${after?.date}`;
    case 'corrected': return `${item.participantName}: ${instrument} ${before?.type?.replace(/_/g, ' ')} ${before?.date} corrected to ${after?.type?.replace(/_/g, ' ')} ${after?.date}`;
    case 'missing_from_source': return `${item.participantName}: ${instrument} ${before?.type?.replace(/_/g, ' ')} of ${before?.date} no longer shown by the depositary (flagged for review)`;
    case 'reappeared': return `${item.participantName}: ${instrument} ${after?.type?.replace(/_/g, ' ')} of ${after?.date} shown again by the depositary`;
  }
};

/** An Atom 1.0 feed (RFC 4287) of status changes, so people can subscribe per instrument or per country. */
export function changesFeed({ items, base, query, lang, instrumentLabel, updated }: {
  items: Change[]; base: string; query: string; lang: Language; instrumentLabel: (id: string) => string; updated: string;
}): string {
  const entries = items.map((item) => {
    const title = describe(item, instrumentLabel(item.instrument));
    return `  <entry>
    <id>urn:lexpact:status-change:${item.id}</id>
    <title>${escapeXml(title)}</title>
    <updated>${escapeXml(new Date(item.detectedAt).toISOString())}</updated>
    <link rel="alternate" href="${escapeXml(`${base}/countries/${item.participant}`)}"/>
    <category term="${escapeXml(item.instrument)}"/>
    <category term="${escapeXml(item.participant)}"/>
    <summary>${escapeXml(`${title} (snapshot ${item.snapshot}, as of ${item.snapshotAsOf})`)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${escapeXml(`${base}${query}`)}</id>
  <title>Lexpact: treaty status changes</title>
  <updated>${escapeXml(new Date(updated).toISOString())}</updated>
  <link rel="self" href="${escapeXml(`${base}${query}`)}"/>
  <author><name>Lexpact</name></author>
${entries.join('\n')}
</feed>
`;
}

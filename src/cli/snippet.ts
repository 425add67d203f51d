const HIT = /\[\[(.*?)\]\]/s;
const BOLD = '\x1b[1m';
const NORMAL = '\x1b[22m';

/**
 * Whether standard output shows bold: a terminal, without NO_COLOR (no-color.org) or TERM=dumb, both of
 * which `hasColors` honours. Piped into a file or another program, the output stays plain text.
 */
export function showsBold(
  stream: { isTTY?: boolean; hasColors?: () => boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && (stream.hasColors?.() ?? false);
}

/** Visible characters kept before the first match when the snippet has to be cut for it to show. */
const LEAD = 20;

/**
 * A search snippet for a terminal: the matches (between [[ and ]] in the API) in bold, or the markers
 * simply removed; cut to `maxChars` visible characters, never inside a marker or a character, and
 * starting a little before the first match when that would otherwise be cut off.
 */
export function terminalSnippet(snippet: string, options: { bold: boolean; maxChars?: number }): string {
  const { bold, maxChars = Infinity } = options;
  const parts = snippet.split(HIT).map((part) => Array.from(part));
  const firstHitEnd = parts.length > 1 ? parts[0]!.length + parts[1]!.length : 0;
  if (firstHitEnd > maxChars) parts[0] = ['…', ...parts[0]!.slice(-LEAD)];
  let left = maxChars;
  let out = '';
  for (const [index, chars] of parts.entries()) {
    if (left <= 0) break;
    const kept = chars.slice(0, left).join('');
    left -= chars.length;
    out += index % 2 === 1 && bold && kept ? `${BOLD}${kept}${NORMAL}` : kept;
  }
  return out;
}

import type { FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../contracts/languages.ts';

/** The language of names and titles in a response: `lang` query parameter, then Accept-Language, then English. */
export function requestLanguage(request: FastifyRequest, explicit?: string): Language {
  if (isLanguage(explicit)) return explicit;
  const header = request.headers['accept-language'];
  if (header) {
    const ranked = header
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.find((p) => p.trim().startsWith('q='));
        return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .sort((a, b) => b.q - a.q);
    const match = ranked.find((r) => isLanguage(r.lang));
    if (match) return match.lang as Language;
  }
  return DEFAULT_LANGUAGE;
}

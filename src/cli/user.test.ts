import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askLanguage, environmentLanguage } from './user.ts';

describe("`user create-admin`'s language", () => {
  it("defaults to the environment's locale when it is one of the six languages, else English", () => {
    expect(environmentLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(environmentLanguage({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' })).toBe('zh');
    expect(environmentLanguage({ LANG: 'ar_EG.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8' })).toBe('ru');
    expect(environmentLanguage({ LANG: 'es_ES.UTF-8', LC_ALL: '' })).toBe('es');
    expect(environmentLanguage({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(environmentLanguage({ LANG: 'C.UTF-8' })).toBe('en');
    expect(environmentLanguage({})).toBe('en');
  });

  it('is asked for on a terminal: an empty answer takes the default, a wrong one is asked again', async () => {
    const ask = async (typed: string) => {
      const input = new PassThrough();
      const output = new PassThrough();
      let shown = '';
      output.on('data', (chunk) => (shown += String(chunk)));
      input.end(typed);
      return { lang: await askLanguage(input, output, 'es'), shown };
    };
    expect((await ask('\n')).lang).toBe('es');
    expect((await ask('AR\n')).lang).toBe('ar');
    const retried = await ask('german\nfr\n');
    expect(retried.lang).toBe('fr');
    expect(retried.shown).toContain('"german" is not one of ar, zh, en, fr, ru, es');
    expect(retried.shown).toContain('(ar, zh, en, fr, ru, es) [es]: ');
    expect((await ask('')).lang).toBe('es');
  });
});

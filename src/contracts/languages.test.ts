import { describe, expect, it } from 'vitest';
import { firstSupportedLanguage, languageOfTag, resolveLanguage } from './languages.ts';

describe('the interface language', () => {
  it('follows the address first, whatever this browser, the profile or the browser languages say', () => {
    expect(resolveLanguage({ address: 'fr', stored: 'ar', profile: 'en', browser: ['es-ES'] })).toBe('fr');
    expect(resolveLanguage({ address: 'ar' })).toBe('ar');
  });

  it("then the choice made in this browser, then the profile's language, then the browser's, then English", () => {
    expect(resolveLanguage({ stored: 'ru', profile: 'en', browser: ['es-ES'] })).toBe('ru');
    expect(resolveLanguage({ profile: 'zh', browser: ['es-ES'] })).toBe('zh');
    expect(resolveLanguage({ browser: ['es-ES', 'en'] })).toBe('es');
    expect(resolveLanguage({})).toBe('en');
    expect(resolveLanguage({ browser: ['de-DE', 'pt'] })).toBe('en');
  });

  it('passes over a value that is not one of the six languages, so a mistyped `lang` in a link changes nothing', () => {
    expect(resolveLanguage({ address: 'de', stored: 'fr' })).toBe('fr');
    expect(resolveLanguage({ address: 'FR', stored: null, profile: 'xx', browser: ['ru'] })).toBe('ru');
    expect(resolveLanguage({ address: '', stored: '' })).toBe('en');
  });

  it('reads browser and environment tags: regions, scripts, aliases and POSIX locales', () => {
    expect(languageOfTag('zh-CN')).toBe('zh');
    expect(languageOfTag('zh-Hans')).toBe('zh');
    expect(languageOfTag('zh-Hant-TW')).toBe('zh');
    expect(languageOfTag('cmn-Hans-CN')).toBe('zh');
    expect(languageOfTag('ar-EG')).toBe('ar');
    expect(languageOfTag('es-419')).toBe('es');
    expect(languageOfTag('fr_CA.UTF-8')).toBe('fr');
    expect(languageOfTag('ru_RU.utf8@euro')).toBe('ru');
    expect(languageOfTag('EN-gb')).toBe('en');
    expect(languageOfTag('pt-BR')).toBeNull();
    expect(languageOfTag('C.UTF-8')).toBeNull();
    expect(languageOfTag('')).toBeNull();
    expect(languageOfTag(undefined)).toBeNull();
  });

  it("takes the browser's first supported language, in the browser's order", () => {
    expect(firstSupportedLanguage(['de-CH', 'zh-Hans-CN', 'en-US'])).toBe('zh');
    expect(firstSupportedLanguage(['de', 'it'])).toBeNull();
    expect(firstSupportedLanguage([])).toBeNull();
  });
});

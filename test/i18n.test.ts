import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import ts from 'typescript';
import { LANGUAGES } from '../src/contracts/languages.ts';

const root = new URL('..', import.meta.url).pathname;
const NAMESPACES = ['common', 'status', 'accounts', 'library', 'programme', 'funding', 'programmeImport'];

const load = (lang: string, ns: string) =>
  JSON.parse(readFileSync(join(root, 'locales', lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      for (const [fk, fv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(fk, fv);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const webSources = sourceFiles(join(root, 'web', 'src')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const allSource = webSources.map((f) => f.text).join('\n');
// Workbooks and feeds the server writes take some of their labels from the same namespaces.
const serverSource = sourceFiles(join(root, 'src'))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

describe('translations', () => {
  for (const ns of NAMESPACES) {
    const english = flatten(load('en', ns));

    for (const lang of LANGUAGES) {
      it(`${lang}/${ns}.json has exactly the keys of English, each a valid ICU message`, () => {
        const messages = flatten(load(lang, ns));
        expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
        for (const [key, message] of messages) {
          expect(() => new IntlMessageFormat(message, lang), `${lang}/${ns}:${key}`).not.toThrow();
        }
      });
    }

    it(`every key of ${ns} is used by the web app`, () => {
      // Keys built at run time (`actions.${type}`) count as used through their prefix.
      const dynamicPrefixes = [...allSource.matchAll(/t\(`([a-zA-Z.]+)\.\$\{/g)].map((m) => `${m[1]}.`);
      const unused = [...english.keys()].filter(
        (key) =>
          !allSource.includes(`'${key}'`) &&
          !serverSource.includes(`'${key}'`) &&
          !dynamicPrefixes.some((prefix) => key.startsWith(prefix)),
      );
      expect(unused).toEqual([]);
    });
  }

  for (const lang of LANGUAGES) {
    it(`${lang}/mail.json (mails the server sends) has exactly the keys of English, each a valid ICU message with the same placeholders`, () => {
      const english = flatten(load('en', 'mail'));
      const messages = flatten(load(lang, 'mail'));
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
      const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [key, message] of messages) {
        expect(() => new IntlMessageFormat(message, lang), `${lang}/mail:${key}`).not.toThrow();
        expect(placeholders(message), `${lang}/mail:${key}`).toEqual(placeholders(english.get(key)!));
      }
    });
  }

  it('every key the web app asks for exists in English', () => {
    const known = new Set(NAMESPACES.flatMap((ns) => [...flatten(load('en', ns)).keys()]));
    const asked = [...allSource.matchAll(/\bt\('([a-zA-Z][a-zA-Z0-9_.]*)'/g)].map((m) => m[1]!);
    expect(asked.filter((key) => !known.has(key))).toEqual([]);
  });

  it('no component writes words for people outside the translation files', () => {
    // JSX text or a string attribute read by people (label, title, aria-label, placeholder) must come from t().
    const offenders: string[] = [];
    for (const file of webSources.filter((f) => f.path.endsWith('.tsx'))) {
      const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text))
          offenders.push(`${file.path.slice(root.length)}: ${node.text.trim()}`);
        if (
          ts.isJsxAttribute(node) &&
          ['label', 'title', 'aria-label', 'placeholder', 'alt', 'description'].includes(node.name.getText()) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer) &&
          /\p{L}{2,}/u.test(node.initializer.text)
        ) {
          offenders.push(`${file.path.slice(root.length)}: ${node.name.getText()}="${node.initializer.text}"`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});

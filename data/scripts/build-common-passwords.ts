// Writes data/common-passwords.txt: the passwords people choose most often, one per line, lower case,
// from the ranked list of the @zxcvbn-ts/language-common package (MIT). Run: npx node data/scripts/build-common-passwords.ts
import { writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
const version = (JSON.parse(readFileSync(require.resolve('@zxcvbn-ts/language-common/package.json'), 'utf8')) as { version: string }).version;
const passwords = [...new Set(dictionary['passwords-common']!.map((p) => p.toLowerCase()))];
const target = new URL('../common-passwords.txt', import.meta.url);
writeFileSync(target, `# ${passwords.length} common passwords, ranked, from @zxcvbn-ts/language-common ${version} (MIT licence)\n${passwords.join('\n')}\n`);
console.log(`wrote ${passwords.length} passwords to ${target.pathname}`);

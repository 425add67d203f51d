// `npm run bench`: every benchmark, each printing its figures. Needs PostgreSQL (LEXPACT_BENCH_DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/postgres) and a built web app for the bundle figure.
import { execSync } from 'node:child_process';
import { benchBundle } from './bundle-size.ts';
import { benchCli } from './cli.ts';
import { benchHttp } from './http.ts';
import { benchImport } from './import.ts';
import { benchProgramme } from './programme.ts';
import { benchReferences } from './references.ts';
import { benchRender } from './render.ts';

console.log('— import —');
await benchImport();
console.log('\n— assistance programme —');
await benchProgramme();
console.log('\n— cross-reference extraction —');
await benchReferences();
console.log('\n— rendering Markdown texts —');
benchRender();
console.log('\n— command-line start-up —');
benchCli();
console.log('\n— HTTP under load —');
await benchHttp();
console.log('\n— first page JavaScript —');
execSync('npm run build:web --silent', { stdio: 'inherit' });
benchBundle();

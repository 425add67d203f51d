// Size of the JavaScript the first page loads, gzip-compressed: the entry chunk and every chunk it
// imports statically, from Vite's build manifest (run `npm run build:web` first). Target: ≤ 250 KB.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DEFAULT_WEB_DIR } from '../src/server/app.ts';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export function benchBundle() {
  const manifestPath = join(DEFAULT_WEB_DIR, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error('no build manifest: run "npm run build:web" first');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]!.imports ?? []) visit(imported);
  };
  visit(entry);
  const gz = (file: string) => gzipSync(readFileSync(join(DEFAULT_WEB_DIR, file)), { level: 9 }).length;
  const js = [...seen].map((key) => ({ file: manifest[key]!.file, gzip: gz(manifest[key]!.file) }));
  const css = [...new Set([...seen].flatMap((key) => manifest[key]!.css ?? []))].map((file) => ({
    file,
    gzip: gz(file),
  }));
  const totalJs = js.reduce((sum, f) => sum + f.gzip, 0);
  const totalCss = css.reduce((sum, f) => sum + f.gzip, 0);
  for (const f of js) console.log(`  ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip`);
  console.log(
    `first page JavaScript: ${(totalJs / 1024).toFixed(1)} KB gzip in ${js.length} files (CSS ${(totalCss / 1024).toFixed(1)} KB gzip, translations of one language load separately) — target ≤ 250 KB`,
  );
  return { javascriptGzipBytes: totalJs, cssGzipBytes: totalCss, files: js.length };
}

if (import.meta.url === `file://${process.argv[1]}`) benchBundle();

// Rendering speed of Markdown originals (parse with markdown-it, sanitise, heading ids) on the shipped
// Chinese UN report repeated to about 1 MB and 5 MB (LEXPACT_MAX_TEXT_CHARS), as ms and MB/s (UTF-8).
// One core; texts over INLINE_RENDER_CHARS render on a worker and each file once (then the cache).
// Run: npx node bench/render.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS } from '../src/db/seed.ts';
import { renderText } from '../src/modules/library/render/render.ts';

const REPORT = 'sg-report-2014-terrorism-prevention.zh.md';

export function benchRender() {
  const report = readFileSync(join(SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS, REPORT), 'utf8');
  renderText(report, 'markdown');
  for (const chars of [report.length, 1_000_000, 5_000_000]) {
    const source = report.repeat(Math.ceil(chars / report.length)).slice(0, chars);
    const bytes = Buffer.byteLength(source);
    const started = performance.now();
    const { html, toc } = renderText(source, 'markdown');
    const ms = performance.now() - started;
    const speed = bytes / 1_048_576 / (ms / 1000);
    console.log(
      `markdown ${source.length.toLocaleString('en')} chars: ${ms.toFixed(0)} ms, ${speed.toFixed(1)} MB/s` +
        ` (${html!.length.toLocaleString('en')} chars of HTML, ${toc.length} contents entries)`,
    );
  }
}

if (import.meta.main) benchRender();

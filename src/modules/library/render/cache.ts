import type { RenderedText } from './render.ts';

/**
 * Rendered texts by the checksum of their original (a file's bytes never change under its checksum, so
 * an entry never goes stale), least recently used first out once they hold more than `maxChars`.
 */
export class RenderCache {
  private readonly entries = new Map<string, RenderedText>();
  private chars = 0;
  private readonly maxChars: number;

  constructor(maxChars: number) {
    this.maxChars = maxChars;
  }

  get(key: string): RenderedText | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: RenderedText): void {
    const size = sizeOf(entry);
    if (size > this.maxChars) return;
    const old = this.entries.get(key);
    if (old) this.chars -= sizeOf(old);
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.chars += size;
    for (const [oldest, value] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= sizeOf(value);
    }
  }
}

const sizeOf = (entry: RenderedText) =>
  (entry.html?.length ?? 0) + entry.toc.reduce((sum, e) => sum + e.text.length, 0);

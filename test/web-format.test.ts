import { describe, expect, it } from 'vitest';
import { isolate } from '../web/src/lib/format.ts';

describe('a code inside a translated sentence', () => {
  it('is set between the first-strong and pop directional isolates, its characters unchanged', () => {
    expect(isolate('2(1)(a)')).toBe('\u20682(1)(a)\u2069');
    expect(isolate('2(1)(a)').slice(1, -1)).toBe('2(1)(a)');
  });
});

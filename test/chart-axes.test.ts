import { describe, expect, it } from 'vitest';
import { countAxisProps, countTicks } from '../web/src/lib/chartAxes.ts';

describe('count axis ticks', () => {
  it('are whole numbers even for small counts', () => {
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
  });

  it('step by 1, 2 or 5 times a power of ten up to the first tick at or above the largest count', () => {
    expect(countTicks(186)).toEqual([0, 50, 100, 150, 200]);
    expect(countTicks(200)).toEqual([0, 50, 100, 150, 200]);
    expect(countTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('give a chart of zeros or of no values a scale, not a lone 0', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(Number.NEGATIVE_INFINITY)).toEqual([0, 1]);
  });

  it("are written in the reader's language and can run from the right", () => {
    const format = new Intl.NumberFormat('ar-EG').format;
    const axis = countAxisProps([0, 1500], format, true);
    expect(axis.ticks.map(axis.tickFormatter)).toEqual(['٠', '٥٠٠', '١٬٠٠٠', '١٬٥٠٠']);
    expect(axis).toMatchObject({ domain: [0, 1500], allowDecimals: false, reversed: true });
    expect(countAxisProps([3], format, false)).not.toHaveProperty('reversed');
  });
});

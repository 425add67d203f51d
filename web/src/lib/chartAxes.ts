/**
 * Ticks for an axis of counts: whole numbers from 0, at a step of 1, 2 or 5 times a power of ten, up to the
 * first tick at or above the largest value. Left to the charting library, a count of 3 gets 0, 0.75, 1.5…
 * and a chart of zeros a lone '0'.
 */
export function countTicks(max: number, target = 5): number[] {
  const top = Math.max(1, Math.ceil(Number.isFinite(max) ? max : 0));
  const rough = top / Math.max(1, target - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? rough);
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step; tick += step) ticks.push(tick);
  return ticks;
}

/**
 * Props for the count axis of a chart: integer ticks written in the reader's language, all of them shown.
 * `reversed` for a horizontal count axis in a right-to-left language: bars then grow from the right.
 */
export function countAxisProps(values: number[], formatNumber: (value: number) => string, reversed = false) {
  const ticks = countTicks(Math.max(0, ...values));
  return {
    type: 'number' as const,
    domain: [0, ticks[ticks.length - 1]!],
    ticks,
    interval: 0 as const,
    allowDecimals: false,
    tickFormatter: formatNumber,
    ...(reversed ? { reversed: true } : {}),
  };
}

/** The vertical axis sits where a line starts: on the right in a right-to-left language. */
export function startAxisProps(rtl: boolean) {
  return rtl
    ? { orientation: 'right' as const, tick: { transform: 'translate(10, 0)', fontSize: 12, fill: 'currentColor' } }
    : {};
}

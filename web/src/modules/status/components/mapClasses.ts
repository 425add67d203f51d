/** Light to dark: 0 instruments is the lightest, all instruments with data the darkest. */
export const PALETTE = ['#f1f3f5', '#cce3f5', '#99c6eb', '#4d9ad8', '#0f6fbf', '#084a80'];

/** The palette index of a count: 0 alone in the first class, the counts 1…max spread over the others. */
export function classOf(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 0;
  const share = (count - 1) / Math.max(1, max - 1);
  return Math.min(PALETTE.length - 1, 1 + Math.floor(share * (PALETTE.length - 2) + 0.0001));
}

export const shadeFor = (count: number, max: number): string => PALETTE[classOf(count, max)]!;

export interface LegendClass {
  colour: string;
  from: number;
  to: number;
}

/**
 * The classes the map actually uses, each with the counts it holds, read from `classOf` itself so the
 * legend cannot drift from the shading. A count never exceeds `max`, so no class is open-ended.
 */
export function legendClasses(max: number): LegendClass[] {
  const classes = new Map<number, LegendClass>();
  for (let count = 0; count <= Math.max(0, max); count += 1) {
    const index = classOf(count, max);
    const known = classes.get(index);
    if (known) known.to = count;
    else classes.set(index, { colour: PALETTE[index]!, from: count, to: count });
  }
  return [...classes.values()];
}

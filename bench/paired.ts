// Paired measurements: the thing and its baseline, measured in turns in the same run (the order alternating), so a
// busy machine or a warming JIT weighs on both alike. The ratio is the median of the pairs' ratios.
import { median } from './stats.ts';

export interface Paired {
  measured: number[];
  baseline: number[];
  ratios: number[];
  /** median of measured / baseline over the pairs */
  ratio: number;
  measuredMedian: number;
  baselineMedian: number;
}

export async function paired(pairs: number, measure: () => Promise<number> | number, baseline: () => Promise<number> | number): Promise<Paired> {
  const m: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      m.push(await measure());
      b.push(await baseline());
    } else {
      b.push(await baseline());
      m.push(await measure());
    }
  }
  const ratios = m.map((x, i) => x / (b[i] ?? Number.NaN));
  return { measured: m, baseline: b, ratios, ratio: median(ratios), measuredMedian: median(m), baselineMedian: median(b) };
}

/** Milliseconds `work` took. */
export async function timed(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

// Issue 13's goals, each as measured / baseline / ratio from the same run, and whether it is met.
import { formatTable } from './table.ts';

export interface Goal {
  goal: string;
  measured: string;
  baseline: string;
  /** measured / baseline, where a ratio means something */
  ratio?: number;
  /** "≤ 1.5×", "0", "≤ 150 MiB" */
  target: string;
  met: boolean;
}

export const ratioGoal = (goal: string, measured: string, baseline: string, ratio: number, most: number): Goal => ({
  goal,
  measured,
  baseline,
  ratio,
  target: `≤ ${most}×`,
  met: ratio <= most,
});

export const leastGoal = (goal: string, measured: string, baseline: string, ratio: number, least: number): Goal => ({
  goal,
  measured,
  baseline,
  ratio,
  target: `≥ ${least}×`,
  met: ratio >= least,
});

export function goalsTable(goals: readonly Goal[]): string {
  return formatTable(
    ['goal', 'measured', 'baseline', 'ratio', 'target', 'met'],
    goals.map((g) => [g.goal, g.measured, g.baseline, g.ratio === undefined ? '—' : `${g.ratio.toFixed(2)}×`, g.target, g.met ? 'yes' : 'NO']),
  );
}

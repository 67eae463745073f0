import type { Clock } from './types.ts';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: the console's simulated time and the tests'. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    if (ms < 0) throw new Error('time only moves forward');
    this.current += ms;
  }
}

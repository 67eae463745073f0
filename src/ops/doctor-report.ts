// What a doctor check says: one plain line, and whether it is fine. `note` tells something worth knowing that is
// not a problem; `skip` is a check that could not run because an earlier one failed (that one says why).

export type Verdict = 'ok' | 'fail' | 'note' | 'skip';

export interface Check {
  /** What was checked, e.g. "discord token", "slack channel". */
  name: string;
  verdict: Verdict;
  line: string;
}

export const ok = (name: string, line: string): Check => ({ name, verdict: 'ok', line });
export const fail = (name: string, line: string): Check => ({ name, verdict: 'fail', line });
export const note = (name: string, line: string): Check => ({ name, verdict: 'note', line });
export const skip = (name: string, line: string): Check => ({ name, verdict: 'skip', line });

const LABEL: Record<Verdict, string> = { ok: 'ok  ', fail: 'FAIL', note: 'note', skip: 'skip' };

/** The report as printed: one line per check, then a verdict line. */
export function formatReport(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length), 0);
  const lines = checks.map((c) => `${LABEL[c.verdict]}  ${c.name.padEnd(width)}  ${c.line}`);
  const failed = checks.filter((c) => c.verdict === 'fail').length;
  const verdict =
    failed === 0
      ? 'All fine.'
      : `${failed} problem${failed === 1 ? '' : 's'} (FAIL above): fix ${failed === 1 ? 'it' : 'them'} and run npm run doctor again.`;
  return `${lines.join('\n')}\n${verdict}\n`;
}

export function healthy(checks: readonly Check[]): boolean {
  return checks.every((c) => c.verdict !== 'fail');
}

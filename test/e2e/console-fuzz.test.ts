import { APOLOGY } from '../../src/messages/errors.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleVerb, fuzzLines, isBlank, isFreeText } from './support/fuzz-lines.ts';
import { checkLedger } from './support/invariants.ts';
import { runConsole, stackTraceLines, tempDir } from './support/run-console.ts';

// 1,000 lines of junk and real commands, named and free text, piped into ONE real console process. After each line
// the script says `:now`, whose answer marks where that line's answers end, so every line can be held to its own answers.

const SEED = 20261122;
const LINES = 1000;
const MARKER = /^\[private → [^\]]+\] It is \d{4}-\d\d-\d\d \d\d:\d\d \S+\.$/;

const dir = tempDir('fuzz');
afterAll(() => dir.remove());

interface Answered {
  line: string;
  answers: string[];
}

/** Splits the output into each input line's answers, using the marker answers; undefined if they do not line up. */
function answersPerLine(inputs: readonly string[], output: readonly string[]): { answered: Answered[]; trailing: string[] } | undefined {
  const answered: Answered[] = [];
  let at = 0;
  for (const line of inputs) {
    const answers: string[] = [];
    // A `:now` in the input answers with a marker-like line of its own: it belongs to that line.
    if (consoleVerb(line) === 'now') {
      if (!MARKER.test(output[at] ?? '')) return undefined;
      answers.push(output[at++]!);
    }
    while (at < output.length && !MARKER.test(output[at]!)) answers.push(output[at++]!);
    if (at >= output.length) return undefined; // the marker after this line never came
    at += 1;
    answered.push({ line, answers });
  }
  return { answered, trailing: output.slice(at) };
}

const show = (line: string) => JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…(${line.length} chars)` : line);

describe('console chat fuzz (real npm start)', () => {
  it(`survives ${LINES} lines of random and malformed input, answers every line, and keeps the ledger whole (seed ${SEED})`, async () => {
    const inputs = fuzzLines(SEED, LINES);
    expect(inputs).toHaveLength(LINES);
    const script = inputs.flatMap((line) => [line, ':now']);
    const run = await runConsole(script, { dbPath: dir.db, timeoutMs: 55_000 });

    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    expect(run.stderr).toBe('');
    expect(stackTraceLines(run.lines).map(show)).toEqual([]);
    expect(run.lines.filter((l) => l.includes(APOLOGY)).map(show)).toEqual([]);
    expect(run.lines.filter((l) => !/^\[(?:private → [^\]]+|DM → [^\]]+|#[^\]]+)\]/.test(l)).map(show)).toEqual([]);

    const split = answersPerLine(inputs, run.lines);
    expect(split, 'every line is followed by its :now marker').toBeDefined();
    const { answered, trailing } = split!;
    expect(trailing).toEqual([]);
    const unanswered = answered.filter((a) => !isBlank(a.line) && !a.answers.some((l) => l.startsWith('[private → ')));
    expect(unanswered.map((a) => show(a.line))).toEqual([]);
    const blankButAnswered = answered.filter((a) => isBlank(a.line) && a.answers.length > 0);
    expect(blankButAnswered.map((a) => show(a.line))).toEqual([]);

    // Free text was there in numbers, and was read: said back, asked about, or corrected with a "did you mean".
    expect(inputs.filter(isFreeText).length).toBeGreaterThan(150);
    const said = answered.filter((a) => isFreeText(a.line)).flatMap((a) => a.answers);
    for (const sign of ['I can read those numbers two ways', "I couldn't read", "Thank you! I've told", 'Posted #', 'is sitting #']) {
      expect(said.some((l) => l.includes(sign)), sign).toBe(true);
    }
    expect(answered.flatMap((a) => a.answers).some((l) => l.includes('Did you mean')), 'did you mean').toBe(true);

    const ledger = checkLedger(dir.db);
    expect(ledger.violations).toEqual([]);
    // The junk did not drown the real traffic: gifts and sits moved credits.
    expect(ledger.summary.byKind['gift'] ?? 0).toBeGreaterThan(0);
    expect(ledger.summary.byKind['swap'] ?? 0).toBeGreaterThan(0);
  });
});

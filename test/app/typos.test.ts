import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../src/platforms/console/console-chat.ts';
import { createHarness, silentLog } from '../support/harness.ts';

// Typos get "did you mean", a bare number gets "add `id:`", and nothing answers with a list of fourteen subcommands:
// through the dispatcher (what Discord, Slack and buttons reach) and through the console's own lines.

describe('did you mean, through the dispatcher', () => {
  const h = createHarness();
  const ask = (command: string, sub: string, options: Record<string, unknown> = {}) =>
    h.dispatcher.dispatch({ platform: 'console', coopRef: 'console', member: { ref: 'ana', name: 'Ana' }, isPlatformAdmin: false, idempotencyKey: `${command}:${sub}:${Math.random()}`, command, sub, options });

  it('names the command or subcommand meant, in one line', () => {
    expect(ask('swpa', 'list').text).toBe("I don't know `/swpa`. Did you mean `/swap`?");
    expect(ask('credit', 'balance').text).toBe("I don't know `/credit`. Did you mean `/credits`?");
    expect(ask('breathe', '').text).toBe("I don't know `/breathe`. `/help` lists what I can do.");
    expect(ask('swap', 'volunter').text).toBe("`/swap volunter` isn't something I know. Did you mean `/swap volunteer`? Like `/swap volunteer 12`.");
    expect(ask('help', '', { command: 'swpa' }).text).toBe("I don't know `/swpa`. Did you mean `/help swap`?");
  });

  it('a bare number gets "add `id:`"; a missing subcommand two examples, never the whole list', () => {
    expect(ask('swap', '1').text).toBe('Say what to do with #1, and add `id:` — like `/swap volunteer id:1` or `/swap book id:1`.');
    expect(ask('swap', 'volunteer1').text).toBe('Did you mean `/swap volunteer id:1`?');
    expect(ask('swap', 'volunteer').text).toBe('Add `id:` — like `/swap volunteer id:12`.');
    expect(ask('swap', 'choose', { id: 3 }).text).toBe('Add `member:` — like `/swap choose id:3 member:@name`.');
    const bare = ask('swap', '').text;
    expect(bare).toBe('`/swap` needs a little more — like `/swap request sat 19:00-23:00 2 kids` or `/swap list`. `/help swap` shows what `/swap` can do.');
    expect(bare.split('`/swap ').length).toBeLessThan(5);
    for (const reply of [ask('swap', '1'), ask('swap', ''), ask('swpa', 'list')]) expect(reply.refusal?.code).toBe('unknown_command');
  });
});

describe('did you mean, in the console', () => {
  it('reads a line without its slash, a mistyped console verb and a mistyped command', async () => {
    const h = createHarness();
    let out = '';
    await runConsoleChat({
      dispatcher: h.dispatcher,
      clock: h.clock,
      advanceTo: async () => undefined,
      deliver: () => h.deliver(),
      describeTime: (t) => new Date(t).toISOString(),
      input: Readable.from([':as Ana', 'swap list', 'credits balance please', 'hello there', ':advnce 1d', '/swpa list', '/swap volunteer id 2'].map((l) => `${l}\n`)),
      output: new Writable({ write: (chunk: Buffer, _enc, done) => ((out += chunk.toString()), done()) }),
      log: silentLog,
    });
    const lines = out.split('\n').filter((l) => l.startsWith('[private → Ana]')).map((l) => l.slice('[private → Ana] '.length));
    expect(lines).toEqual([
      'You are Ana now.',
      expect.stringMatching(/^Commands start with `\/`\. Did you mean `\/swap list`\? /),
      expect.stringMatching(/^Commands start with `\/`\. Did you mean `\/credits balance please`\? /),
      expect.stringMatching(/^Commands start with `\/`\. Like `\/help`\. /),
      expect.stringMatching(/^Did you mean `:advance`\? /),
      "I don't know `/swpa`. Did you mean `/swap`?",
      'Add `id:` right before its value — like `/swap volunteer id:2`.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { decodeAction, encodeAction } from '../../src/core/action-codec.ts';
import { parseCommandLine, tokenize } from '../../src/app/command-line.ts';
import { UserError } from '../../src/domain/errors.ts';
import { readMention } from '../../src/platforms/console/console-chat.ts';

const parse = (line: string) => parseCommandLine(line, commands, readMention);

describe('command line', () => {
  it('keeps quoted text together', () => {
    expect(tokenize('a b:"c d" e:“f g”')).toEqual(['a', 'b:c d', 'e:f g']);
  });

  it('reads subcommands, options and mentions', () => {
    expect(parse('/swap request when:"sat 19:00-23:00" kids:2')).toEqual({
      command: 'swap',
      sub: 'request',
      options: { when: 'sat 19:00-23:00', kids: '2' },
    });
    expect(parse('/coop admin add member:@Bob')).toEqual({ command: 'coop', sub: 'admin add', options: { member: { ref: 'bob', name: 'Bob' } } });
  });

  it('reads an unquoted value the way people type it', () => {
    expect(parse('/swap request when:sat 19:00-23:00 kids:2').options).toEqual({ when: 'sat 19:00-23:00', kids: '2' });
  });

  it('gives loose words to a command without subcommands', () => {
    expect(parse('/help swap')).toEqual({ command: 'help', sub: '', options: { command: 'swap' } });
  });

  it('refuses what it cannot read, with a way forward', () => {
    expect(() => parse('/nope')).toThrow(UserError);
    expect(() => parse('/credits give member:@bad!name amount:1')).toThrow(/takes a member/);
    expect(() => parse('/swap list show:open show:mine')).toThrow(/twice/);
    expect(() => parse(`/swap request when:${'x'.repeat(5000)}`)).toThrow(/too long/);
  });
});

describe('button ids', () => {
  it('round-trip and stay short', () => {
    const action = { command: 'swap', sub: 'choose', options: { id: 12, member: '123456789012345678' } };
    const id = encodeAction(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeAction(id)).toEqual({ command: 'swap', sub: 'choose', options: { id: '12', member: '123456789012345678' } });
    expect(decodeAction(encodeAction({ command: 'coop', sub: 'admin add', options: {} }))).toEqual({ command: 'coop', sub: 'admin add', options: {} });
  });

  it('refuse anything malformed', () => {
    for (const bad of ['', 'SWAP', 'swap.done?id', 'swap.done?=3', 'swap.done?id=%E0%A4%A', '../etc']) expect(decodeAction(bad)).toBeUndefined();
  });
});

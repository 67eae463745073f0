import type { RunningPlatform } from '../../core/types.ts';
import { ConsoleMessenger, runConsoleChat, type ConsoleChatOptions } from './console-chat.ts';

export { CONSOLE_COOP, readMention } from './console-chat.ts';

export interface RunningConsole extends RunningPlatform {
  /** Reads lines (typed or piped) and answers each one, until `:quit` or the end of input. */
  run(): Promise<void>;
}

/** The local chat in a terminal: the embedded default when no platform token is set. */
export function startConsole(options: ConsoleChatOptions): RunningConsole {
  const messenger = new ConsoleMessenger((text) => options.output.write(`${text}\n`));
  let running: Promise<void> | undefined;
  return {
    platform: 'console',
    messenger,
    run() {
      running ??= runConsoleChat(options);
      return running;
    },
    async stop() {
      options.input.destroy();
      await running;
    },
  };
}

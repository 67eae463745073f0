import { LogLevel, type Logger } from '@slack/bolt';

export interface SilentLogger extends Logger {
  /** Every warn/error Bolt logged, kept so a test can show or assert them. */
  readonly entries: readonly { level: 'warn' | 'error'; message: string }[];
}

/** A Bolt/web-api/socket-mode logger that prints nothing. */
export function createSilentLogger(): SilentLogger {
  const entries: { level: 'warn' | 'error'; message: string }[] = [];
  let level: LogLevel = LogLevel.ERROR;
  const keep = (kind: 'warn' | 'error') => (...msg: unknown[]) => {
    entries.push({ level: kind, message: msg.map((part) => (part instanceof Error ? part.message : String(part))).join(' ') });
  };
  return {
    entries,
    debug: () => {},
    info: () => {},
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

// Bolt, the Web API client and the Socket Mode client log through this, into our pino logger. Their info lines are
// chatty (every reconnect), so they go out as debug; a Socket Mode URL carries a ticket, so debug stays off by default.

const SECRETS = /(xox[abp]-|xapp-)[A-Za-z0-9-]+|ticket=[^&\s"]+/g;

function line(parts: unknown[]): string {
  return parts
    .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : json(part)))
    .join(' ')
    .replace(SECRETS, '[secret]');
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.WARN;
  return {
    debug: (...msg) => child.debug(line(msg)),
    info: (...msg) => child.debug(line(msg)),
    warn: (...msg) => child.warn(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

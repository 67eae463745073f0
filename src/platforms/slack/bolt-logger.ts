import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

// Bolt, the Web API client and the Socket Mode client log through this, into our pino logger. Their info lines are
// chatty (every reconnect), so they go out as debug; a Socket Mode URL carries a ticket, so debug stays off by default.
// Debug lines also carry request bodies: the OAuth client secret and install codes are blanked as tokens are.

const SECRETS = /(xox[abpre]-|xapp-)[A-Za-z0-9.-]+|ticket=[^&\s"]+/g;
// An install code is secret too, but "code" also names error codes: blanked only beside the client secret.
const INSTALL_CODE = /((?:\\?")?code(?:\\?")?\s*[:=]\s*(?:\\?")?)[^"&\s,}\\]+/g;
const SECRET_FIELDS = /((?:\\?")?(?:client_secret|refresh_token|access_token)(?:\\?")?\s*[:=]\s*(?:\\?")?)[^"&\s,}\\]+/g;

function line(parts: unknown[]): string {
  const text = parts
    .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : json(part)))
    .join(' ')
    .replace(SECRETS, '[secret]')
    .replace(SECRET_FIELDS, '$1[secret]');
  return text.includes('client_secret') ? text.replace(INSTALL_CODE, '$1[secret]') : text;
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

import pino from 'pino';

export type Logger = pino.Logger;

// Tokens and signing secrets must never reach a log line, whatever object a call site hands over.
const REDACT = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
];

/** Logs go to stderr so the console chat on stdout stays clean and pipe-friendly. */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[secret]' } }, destination);
}

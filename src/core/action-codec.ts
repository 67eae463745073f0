import type { ButtonAction } from './types.ts';

// Buttons carry their whole meaning in a short id ("swap.volunteer?id=12"), so a button on an old message still
// works after a restart: nothing lives in memory. Discord allows 100 characters, Slack 255.
export const MAX_ACTION_ID_LENGTH = 100;

export function encodeAction(action: ButtonAction): string {
  const head = action.sub ? `${action.command}.${action.sub.replace(/ /g, '_')}` : action.command;
  const query = Object.entries(action.options)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  const id = query ? `${head}?${query}` : head;
  if (id.length > MAX_ACTION_ID_LENGTH) throw new Error(`button id longer than ${MAX_ACTION_ID_LENGTH}: ${id}`);
  return id;
}

/** Returns undefined for anything that is not a well-formed action id; the caller answers "unknown button". */
export function decodeAction(id: string): ButtonAction | undefined {
  const match = /^([a-z]+)(?:\.([a-z_]+))?(?:\?(.*))?$/.exec(id.trim());
  if (!match) return undefined;
  const [, command = '', sub = '', query = ''] = match;
  const options: Record<string, string> = {};
  if (query) {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return undefined;
      try {
        options[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
      } catch {
        return undefined;
      }
    }
  }
  return { command, sub: sub.replace(/_/g, ' '), options };
}

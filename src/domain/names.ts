// Display names come from the platforms (a Discord nickname, a Slack profile) and are shown to everyone in the
// co-op, so they are cleaned once, before they are stored or shown: no control characters (terminal escapes among
// them), no bidi controls that could make "Ana" render as someone else's name, no zero-width tricks, and a cap.

/** C0 and C1 controls (newline and tab too: a name is one line), zero-width and bidi controls, and the BOM. */
export const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** The same, keeping newlines and tabs: for free text such as notes. */
export const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

export const MAX_NAME_LENGTH = 80;

/** What a forgotten member is called from then on, everywhere they are shown. */
export const FORMER_MEMBER = 'a former member';

/** A display name as the co-op will see it: unsafe characters removed, spaces collapsed, at most 80 characters. */
export function cleanDisplayName(raw: string): string {
  const cleaned = raw.normalize('NFC').replace(UNSAFE_IN_NAMES, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(cleaned); // by code point, so an emoji is never cut in half
  return chars.length > MAX_NAME_LENGTH ? `${chars.slice(0, MAX_NAME_LENGTH - 1).join('').trimEnd()}…` : cleaned;
}

// Timezones as people type them, read into one canonical IANA name before anything is stored: `europe/london` is
// Europe/London, `US/Pacific` is America/Los_Angeles (said so in the answer), and an abbreviation such as `EST`,
// which names no place and no summer time, is refused with the place it most likely means.

/** CLDR (and so Intl in Node 20) still lists some zones under their older IANA names; people know the newer ones. */
const NEWER_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

const UTC_NAMES = new Set(['utc', 'etc/utc', 'uct', 'etc/uct', 'universal', 'etc/universal', 'zulu', 'etc/zulu', 'etc/gmt', 'etc/gmt0', 'etc/gmt+0', 'etc/gmt-0', 'gmt0', 'gmt+0', 'gmt-0', 'etc/greenwich', 'greenwich']);

/** Abbreviations people type for a zone: each names the place it most likely means. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  est: 'America/New_York', edt: 'America/New_York', cst: 'America/Chicago', cdt: 'America/Chicago',
  mst: 'America/Denver', mdt: 'America/Denver', pst: 'America/Los_Angeles', pdt: 'America/Los_Angeles',
  akst: 'America/Anchorage', akdt: 'America/Anchorage', gmt: 'Europe/London', bst: 'Europe/London',
  ist: 'Asia/Kolkata', wet: 'Europe/Lisbon', west: 'Europe/Lisbon', cet: 'Europe/Paris', cest: 'Europe/Paris',
  met: 'Europe/Paris', eet: 'Europe/Athens', eest: 'Europe/Athens', msk: 'Europe/Moscow', sast: 'Africa/Johannesburg',
  aest: 'Australia/Sydney', aedt: 'Australia/Sydney', acst: 'Australia/Adelaide', acdt: 'Australia/Adelaide',
  awst: 'Australia/Perth', nzst: 'Pacific/Auckland', nzdt: 'Pacific/Auckland', jst: 'Asia/Tokyo', kst: 'Asia/Seoul',
  hkt: 'Asia/Hong_Kong', sgt: 'Asia/Singapore',
};

let canonicalByLower: Map<string, string> | undefined;

/** Every canonical zone, by its lower-case name. */
function canonicalZones(): Map<string, string> {
  if (!canonicalByLower) {
    canonicalByLower = new Map([['utc', 'UTC']]);
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const newer = NEWER_NAMES[zone];
      const name = newer !== undefined && resolves(newer) ? newer : zone;
      canonicalByLower.set(name.toLowerCase(), name);
    }
  }
  return canonicalByLower;
}

/** The zone Intl resolves a name to (its own canonical id), or undefined when it knows no such zone. */
function resolved(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function resolves(name: string): boolean {
  return resolved(name) !== undefined;
}

export type TimezoneReading =
  | { ok: true; zone: string; /** what was typed, when it was an older name or an alias of `zone` */ alias?: string }
  | { ok: false; message: string };

/** Reads a timezone as typed into its canonical IANA name, or a refusal that suggests one. */
export function readTimezone(typed: string): TimezoneReading {
  const text = typed.trim().replace(/\s*\/\s*/g, '/').replace(/\s+/g, '_');
  const lower = text.toLowerCase();
  if (!text) return { ok: false, message: refusal(typed, undefined) };
  const zones = canonicalZones();
  const exact = zones.get(lower);
  if (exact) return { ok: true, zone: exact };
  if (UTC_NAMES.has(lower)) return { ok: true, zone: 'UTC', alias: text };
  const place = ABBREVIATIONS[lower];
  if (place) {
    return {
      ok: false,
      message: `"${text}" is an abbreviation, not a place, and clocks change in summer: use the place's name, like \`${place}\` (or \`UTC\`).`,
    };
  }
  // An alias Intl knows (US/Pacific, Japan, Europe/Belfast, EST5EDT): stored as the zone it stands for.
  const known = /^[A-Za-z]/.test(text) ? resolved(text) : undefined;
  if (known) {
    const zone = zones.get((NEWER_NAMES[known] ?? known).toLowerCase()) ?? (/^Etc\/GMT[+-]\d{1,2}$/i.test(known) ? known : undefined);
    if (zone) return zone.toLowerCase() === lower ? { ok: true, zone } : { ok: true, zone, alias: text };
  }
  return { ok: false, message: refusal(typed, suggest(lower, zones)) };
}

function refusal(typed: string, suggestion: string | undefined): string {
  const shown = typed.trim().slice(0, 64);
  const hint = suggestion ? `Did you mean \`${suggestion}\`? ` : '';
  return `I don't know the timezone "${shown}". ${hint}Use a place name like \`Europe/London\` or \`America/New_York\`.`;
}

/** The zone a mistyped name most likely meant: the same city, else the nearest spelling. */
function suggest(lower: string, zones: Map<string, string>): string | undefined {
  const city = lower.split('/').at(-1) ?? lower;
  let best: { zone: string; distance: number } | undefined;
  for (const [name, zone] of zones) {
    const zoneCity = name.split('/').at(-1) ?? name;
    if (zoneCity === city) return zone;
    const distance = Math.min(editDistance(lower, name), editDistance(city, zoneCity) + (lower.includes('/') ? 1 : 0));
    if (!best || distance < best.distance) best = { zone, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(city.length / 4)) ? best.zone : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

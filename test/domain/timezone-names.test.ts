import { describe, expect, it } from 'vitest';
import { readTimezone } from '../../src/domain/timezone-names.ts';
import { isValidTimezone } from '../../src/domain/timezone.ts';

const zone = (typed: string) => {
  const reading = readTimezone(typed);
  return reading.ok ? { zone: reading.zone, alias: reading.alias } : { refused: reading.message };
};

describe('readTimezone: one canonical IANA name for what people type', () => {
  it('keeps canonical names and fixes their case and spaces', () => {
    expect(zone('Europe/London')).toEqual({ zone: 'Europe/London', alias: undefined });
    expect(zone('europe/london')).toEqual({ zone: 'Europe/London', alias: undefined });
    expect(zone('  AMERICA/NEW_YORK ')).toEqual({ zone: 'America/New_York', alias: undefined });
    expect(zone('America/New York')).toEqual({ zone: 'America/New_York', alias: undefined });
    expect(zone('Australia/Lord_Howe')).toEqual({ zone: 'Australia/Lord_Howe', alias: undefined });
  });

  it('maps aliases and older names to the zone they stand for, and says what was typed', () => {
    expect(zone('US/Pacific')).toEqual({ zone: 'America/Los_Angeles', alias: 'US/Pacific' });
    expect(zone('US/Eastern')).toEqual({ zone: 'America/New_York', alias: 'US/Eastern' });
    expect(zone('GB')).toEqual({ zone: 'Europe/London', alias: 'GB' });
    expect(zone('japan')).toEqual({ zone: 'Asia/Tokyo', alias: 'japan' });
    expect(zone('EST5EDT')).toEqual({ zone: 'America/New_York', alias: 'EST5EDT' });
    expect(zone('Asia/Calcutta')).toEqual({ zone: 'Asia/Kolkata', alias: 'Asia/Calcutta' });
    expect(zone('Europe/Kiev')).toEqual({ zone: 'Europe/Kyiv', alias: 'Europe/Kiev' });
    expect(zone('utc')).toEqual({ zone: 'UTC', alias: undefined });
    expect(zone('Etc/UTC')).toEqual({ zone: 'UTC', alias: 'Etc/UTC' });
  });

  it('keeps the newer IANA names that Intl lists under older ones', () => {
    expect(zone('Asia/Kolkata')).toEqual({ zone: 'Asia/Kolkata', alias: undefined });
    expect(zone('Europe/Kyiv')).toEqual({ zone: 'Europe/Kyiv', alias: undefined });
    expect(zone('asia/kathmandu')).toEqual({ zone: 'Asia/Kathmandu', alias: undefined });
  });

  it('refuses abbreviations, which name no place and no summer time, with the place they most likely mean', () => {
    expect(zone('EST')).toEqual({ refused: expect.stringContaining('`America/New_York`') });
    expect(zone('pst')).toEqual({ refused: expect.stringContaining('`America/Los_Angeles`') });
    expect(zone('GMT')).toEqual({ refused: expect.stringContaining('`Europe/London`') });
    expect(zone('CET')).toEqual({ refused: expect.stringContaining('`Europe/Paris`') });
  });

  it('refuses unknown names with a suggestion where one is close, and without where none is', () => {
    expect(zone('London')).toEqual({ refused: expect.stringContaining('Did you mean `Europe/London`?') });
    expect(zone('Europe/Londn')).toEqual({ refused: expect.stringContaining('Did you mean `Europe/London`?') });
    expect(zone('new york')).toEqual({ refused: expect.stringContaining('Did you mean `America/New_York`?') });
    const nonsense = zone('Narnia/Cair_Paravel');
    expect(nonsense).toEqual({ refused: expect.stringContaining("I don't know the timezone") });
    expect(JSON.stringify(nonsense)).not.toContain('Did you mean');
    expect(zone('')).toEqual({ refused: expect.any(String) });
    expect(zone('+05:00')).toEqual({ refused: expect.any(String) });
  });

  it('only ever stores a name the timezone maths can use', () => {
    for (const typed of ['US/Pacific', 'Asia/Calcutta', 'utc', 'europe/london', 'Etc/GMT+5', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires']) {
      const reading = readTimezone(typed);
      expect(reading.ok, typed).toBe(true);
      if (reading.ok) expect(isValidTimezone(reading.zone), reading.zone).toBe(true);
    }
  });
});

import { choice, defineCommand, subcommand, text } from '../src/app/command.ts';
import { profile } from '../src/services/members/profile.ts';

/** Free text: "21:00-08:00", "9pm - 7am" or "off" are quiet hours; anything else is read as the timezone. */
const QUIET_HOURS = /^(?:off|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\s*[-–]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)$/i;

export const profileCommand = defineCommand({
  name: 'profile',
  description: 'Your settings: timezone, quiet hours, a pause, updates from your sitter',
  subcommands: {
    '': subcommand({
      description: 'Show or change your settings',
      // Any option is a change; only the bare /profile reads (a list of the writing options would miss the next one).
      readOnly: (args) => Object.values(args).every((value) => value === undefined),
      options: {
        timezone: text('IANA timezone, like Europe/London', { maxLength: 64, example: 'Europe/London' }),
        quiet: text('quiet hours, like "21:00-08:00", or off', { maxLength: 20, example: '"21:00-08:00"', pattern: QUIET_HOURS }),
        pause: text('quiet everything but your own sits until a date, "week", or off', { maxLength: 40, example: '2027-04-01', byName: true }),
        updates: choice("your sitter's all's-well updates during a sit", ['on', 'anytime', 'off'] as const, { byName: true }),
      },
      // The welcome's "Set my timezone" button opens it; typed without options, /profile shows the settings.
      form: { title: 'Your settings', trigger: 'timezone', fields: ['timezone', 'quiet'], opens: 'button', submit: 'Save' },
      run: (ctx, args) => profile(ctx, args),
    }),
  },
});

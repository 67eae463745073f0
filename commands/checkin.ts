import { choice, defineCommand, subcommand, text } from '../src/app/command.ts';
import { checkinsOff, checkinsOn, pauseCheckins, resumeCheckins, setCheckinTime, setNudges } from '../src/services/checkins/settings.ts';
import { answerCheckin } from '../src/services/checkins/answers.ts';

export const checkinCommand = defineCommand({
  name: 'checkin',
  description: 'Your weekly check-in: pause it, move it, or turn it off',
  subcommands: {
    pause: subcommand({
      description: 'No check-ins until a date',
      options: { until: text('the day they start again, like 2027-04-01 or "next monday"', { required: true, maxLength: 40, example: '2027-04-01' }) },
      run: (ctx, args) => pauseCheckins(ctx, args.until),
    }),
    resume: subcommand({ description: 'End a pause now', options: {}, run: (ctx) => resumeCheckins(ctx) }),
    time: subcommand({
      description: 'Choose your own day and time',
      options: { when: text('a day and a time, like "sun 19:00"', { required: true, maxLength: 40, example: '"sun 19:00"' }) },
      run: (ctx, args) => setCheckinTime(ctx, args.when),
    }),
    off: subcommand({ description: 'Stop check-ins', options: {}, run: (ctx) => checkinsOff(ctx) }),
    on: subcommand({ description: 'Start check-ins again', options: {}, run: (ctx) => checkinsOn(ctx) }),
    // What the check-in's and the nudges' buttons run.
    answer: subcommand({
      description: "Answer this week's check-in",
      options: {
        reply: choice('your answer', ['yes', 'notyet', 'plan'] as const, { required: true }),
        week: text('the Monday of the week it is about', { maxLength: 10, example: '2027-03-08' }),
      },
      run: (ctx, args) => answerCheckin(ctx, args.reply, args.week),
    }),
    nudges: subcommand({
      description: 'Rare balance nudges on or off',
      options: { set: choice('on or off', ['on', 'off'] as const, { required: true }) },
      run: (ctx, args) => setNudges(ctx, args.set),
    }),
  },
});

import type { CommandSpec } from '../app/command.ts';
import type { Config } from '../config.ts';
import { MANIFEST_PATH } from '../platforms/slack/manifest.ts';
import { checkDiscord } from './doctor-discord.ts';
import { checkBackups, checkClock, checkDatabase } from './doctor-local.ts';
import { createNet } from './doctor-net.ts';
import { type Check, note } from './doctor-report.ts';
import { checkSlack } from './doctor-slack.ts';

// `npm run doctor`: every check an organiser would otherwise make by trying, each answered in one plain line. It
// changes nothing (the database write check is rolled back) and never prints a token.

export interface DoctorOptions {
  commands: readonly CommandSpec[];
  /** The machine's clock; tests skew it. */
  now?: () => number;
  /** Per request; a machine without network fails each check after this long at most. */
  timeoutMs?: number;
  manifestPath?: string;
}

export async function runDoctor(config: Readonly<Config>, options: DoctorOptions): Promise<Check[]> {
  const now = options.now ?? Date.now;
  const net = createNet({ now, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  const local = checkDatabase(config.databasePath, now());
  try {
    const checks: Check[] = [...local.checks, ...checkBackups(config.databasePath, config.backupDir, now())];
    if (!config.discord && !config.slack) checks.push(note('platforms', 'no Discord or Slack tokens are set, so npm start opens the console chat.'));
    const [discord, slack] = await Promise.all([
      config.discord ? checkDiscord(config.discord, net, options.commands, local.store) : [],
      config.slack
        ? checkSlack(config.slack, net, options.commands, local.store, {
            manifestPath: options.manifestPath ?? MANIFEST_PATH,
            now,
            ...(config.secretKey ? { secretKey: config.secretKey } : {}),
            ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
          })
        : [],
    ]);
    checks.push(...discord, ...slack);
    if (config.discord || config.slack) checks.push(...checkClock(net.skews, now(), local.store));
    return checks;
  } finally {
    local.close();
  }
}

// `npm run register`: puts Breather's slash commands on Discord. With DISCORD_GUILD_ID they appear in that server at
// once; without it they are global (every server the bot is in; Discord may take a while to show changes).
import { commands } from '../../../commands/index.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { describeError } from './errors.ts';
import { registerCommands } from './registration.ts';

const write = (line: string) => process.stdout.write(`${line}\n`);

try {
  const { discord } = loadConfig();
  if (!discord) {
    process.stderr.write('Set DISCORD_TOKEN and DISCORD_APP_ID first (see the README, "Discord").\n');
    process.exit(1);
  }
  const { scope, names } = await registerCommands(discord, commands);
  write(`Registered ${names.length} commands ${scope === 'guild' ? `in server ${discord.guildId}` : 'globally'}: ${names.map((n) => `/${n}`).join(' ')}`);
} catch (error) {
  const described = describeError(error);
  const detail =
    error instanceof ConfigError
      ? error.problems.join('; ')
      : described.status === 401
        ? 'Discord refused the token (401): copy it again from the Bot page of the developer portal into DISCORD_TOKEN'
        : JSON.stringify(described);
  process.stderr.write(`Could not register the commands: ${detail}\n`);
  process.exit(1);
}

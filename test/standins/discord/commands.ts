import { DiscordError, asObject, asObjects, errors } from './http-util.ts';
import type { Route, RouteContext, RouteResult } from './router.ts';
import { snowflake } from './snowflake.ts';
import type { JsonObject, StoredCommand } from './types.ts';

/** Application command registration: validates like Discord, keeps ids stable per name+type. */

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const MENU_NAME = /^[-_' \p{L}\p{N}]{1,32}$/u;

function problemsOf(commands: JsonObject[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    const type = typeof command.type === 'number' ? command.type : 1;
    const name = typeof command.name === 'string' ? command.name : '';
    // Slash commands: lower case, no spaces. User and message commands (right-click menus) may have both.
    const valid = type === 1 ? NAME.test(name) && name === name.toLowerCase() : MENU_NAME.test(name);
    if (!valid || ![1, 2, 3].includes(type)) problems[`${i}.name`] = 'Command name is invalid';
    if (seen.has(`${type}:${name}`)) problems[`${i}.name`] = 'Application command names must be unique';
    seen.add(`${type}:${name}`);
    const description = typeof command.description === 'string' ? command.description : '';
    if (type === 1 && (description.length < 1 || description.length > 100)) {
      problems[`${i}.description`] = 'Must be between 1 and 100 in length.';
    }
    if (type !== 1 && description !== '') problems[`${i}.description`] = 'Context menu commands cannot have a description';
    if (type !== 1 && command.options !== undefined) problems[`${i}.options`] = 'Context menu commands cannot have options';
    optionProblems(asObjects(command.options), `${i}.options`, problems);
  });
  return problems;
}

function optionProblems(options: JsonObject[], at: string, problems: Record<string, string>): void {
  if (options.length > 25) problems[at] = 'Must be 25 or fewer in length.';
  let optionalSeen = false;
  options.forEach((option, i) => {
    const name = typeof option.name === 'string' ? option.name : '';
    if (!NAME.test(name) || name !== name.toLowerCase()) problems[`${at}.${i}.name`] = 'Command name is invalid';
    const description = typeof option.description === 'string' ? option.description : '';
    if (description.length < 1 || description.length > 100) {
      problems[`${at}.${i}.description`] = 'Must be between 1 and 100 in length.';
    }
    if (asObjects(option.choices).length > 25) problems[`${at}.${i}.choices`] = 'Must be 25 or fewer in length.';
    if (option.required === true && optionalSeen) {
      problems[`${at}.${i}.required`] = 'Required options must be placed before non-required options';
    }
    if (option.required !== true && option.type !== 1 && option.type !== 2) optionalSeen = true;
    if (option.type === 1 || option.type === 2) optionProblems(asObjects(option.options), `${at}.${i}.options`, problems);
  });
}

function commandJson(command: StoredCommand): JsonObject {
  return {
    type: 1,
    description: '',
    default_member_permissions: null,
    nsfw: false,
    ...command.body,
    id: command.id,
    application_id: command.applicationId,
    ...(command.guildId ? { guild_id: command.guildId } : {}),
    version: snowflake(),
  };
}

function store(ctx: RouteContext): StoredCommand[] {
  if (ctx.params.app !== ctx.world.applicationId) throw new DiscordError(404, 10002, 'Unknown Application');
  const guildId = ctx.params.guildId ?? null;
  if (guildId === null) return ctx.world.globalCommands;
  const guild = ctx.world.guilds.get(guildId);
  if (!guild?.members.has(ctx.world.bot.id)) throw new DiscordError(403, 50001, 'Missing Access');
  let list = ctx.world.guildCommands.get(guildId);
  if (!list) {
    list = [];
    ctx.world.guildCommands.set(guildId, list);
  }
  return list;
}

function toStored(ctx: RouteContext, body: JsonObject, previous: StoredCommand[]): StoredCommand {
  const type = typeof body.type === 'number' ? body.type : 1;
  const same = previous.find((c) => c.name === body.name && (asObject(c.body).type ?? 1) === type);
  return {
    id: same?.id ?? snowflake(),
    applicationId: ctx.world.applicationId,
    guildId: ctx.params.guildId ?? null,
    name: String(body.name),
    body,
  };
}

function list(ctx: RouteContext): RouteResult {
  return { status: 200, body: store(ctx).map(commandJson) };
}

function overwrite(ctx: RouteContext): RouteResult {
  const target = store(ctx);
  if (!Array.isArray(ctx.body)) throw errors.invalidForm({ _root: 'Must be an array.' });
  const bodies = asObjects(ctx.body);
  if (bodies.length > 100) throw errors.invalidForm({ _root: 'Must be 100 or fewer in length.' });
  const problems = problemsOf(bodies);
  if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
  const next = bodies.map((body) => toStored(ctx, body, target));
  target.splice(0, target.length, ...next);
  return { status: 200, body: next.map(commandJson) };
}

function upsert(ctx: RouteContext): RouteResult {
  const target = store(ctx);
  const body = asObject(ctx.body);
  const problems = problemsOf([body]);
  if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
  const command = toStored(ctx, body, target);
  const index = target.findIndex((c) => c.id === command.id);
  if (index >= 0) target[index] = command;
  else target.push(command);
  return { status: index >= 0 ? 200 : 201, body: commandJson(command) };
}

export const commandRoutes: Route[] = [
  { method: 'GET', template: '/applications/:app/commands', auth: true, handle: list },
  { method: 'PUT', template: '/applications/:app/commands', auth: true, handle: overwrite },
  { method: 'POST', template: '/applications/:app/commands', auth: true, handle: upsert },
  { method: 'GET', template: '/applications/:app/guilds/:guildId/commands', auth: true, handle: list },
  { method: 'PUT', template: '/applications/:app/guilds/:guildId/commands', auth: true, handle: overwrite },
  { method: 'POST', template: '/applications/:app/guilds/:guildId/commands', auth: true, handle: upsert },
];

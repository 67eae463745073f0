import { asObject, asObjects, errors } from './http-util.ts';
import { LOADING, createMessage, editMessage } from './messages.ts';
import { messageJson } from './payloads.ts';
import type { Route, RouteContext, RouteResult } from './router.ts';
import type { InteractionState, StoredMessage } from './types.ts';
import { validateMessage, validateModal } from './validate.ts';

/** Callback types Discord accepts per interaction type (2 command, 3 component, 4 autocomplete, 5 modal). */
function allowedCallbacks(interaction: InteractionState): number[] {
  switch (interaction.type) {
    case 2:
      return [4, 5, 9];
    case 3:
      return [4, 5, 6, 7, 9];
    case 4:
      return [8];
    case 5:
      return interaction.sourceMessageId ? [4, 5, 6, 7] : [4, 5];
    default:
      return [1];
  }
}

function commandType(interaction: InteractionState): number {
  return Number(asObject(interaction.payload.data).type ?? 0);
}

function respond(ctx: RouteContext, interaction: InteractionState, type: number, data: unknown): StoredMessage | null {
  const { world } = ctx;
  const base = {
    channelId: interaction.channelId,
    guildId: interaction.guildId,
    authorId: world.bot.id,
    webhookId: world.applicationId,
    interactionId: interaction.id,
    type: interaction.type === 2 && commandType(interaction) === 1 ? 20 : 0,
  };
  switch (type) {
    case 4: {
      const message = createMessage(world, { ...base, body: data, files: ctx.files });
      ctx.messageChanged('created', message);
      return message;
    }
    case 5: {
      const flags = Number(asObject(data).flags ?? 0) & 64;
      const message = createMessage(world, { ...base, body: { flags }, files: [], allowEmpty: true, extraFlags: LOADING });
      ctx.messageChanged('created', message);
      return message;
    }
    case 6:
      return interaction.sourceMessageId ? (world.messages.get(interaction.sourceMessageId) ?? null) : null;
    case 7: {
      const source = world.messages.get(interaction.sourceMessageId ?? '');
      if (!source) throw errors.unknownMessage();
      editMessage(world, source, data, ctx.files);
      ctx.messageChanged('edited', source);
      return source;
    }
    case 8: {
      const choices = asObjects(asObject(data).choices);
      if (choices.length > 25) throw errors.invalidForm({ 'data.choices': 'Must be 25 or fewer in length.' });
      const problems: Record<string, string> = {};
      choices.forEach((choice, i) => {
        const name = typeof choice.name === 'string' ? [...choice.name].length : 0;
        if (name < 1 || name > 100) problems[`data.choices.${i}.name`] = 'Must be between 1 and 100 in length.';
        if (typeof choice.value === 'string' && [...choice.value].length > 100) problems[`data.choices.${i}.value`] = 'Must be 100 or fewer in length.';
      });
      if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
      return null;
    }
    case 9:
      validateModal(data);
      return null;
    default:
      return null;
  }
}

const callback = (ctx: RouteContext): RouteResult => {
  const interaction = ctx.world.interactions.get(ctx.params.id ?? '');
  if (!interaction || interaction.token !== ctx.params.token) throw errors.unknownInteraction();
  ctx.markInteraction(interaction.id);
  if (interaction.expired) throw errors.unknownInteraction();
  if (interaction.response) throw errors.alreadyAcknowledged();
  const body = asObject(ctx.body);
  const type = Number(body.type);
  if (!allowedCallbacks(interaction).includes(type)) {
    throw errors.invalidForm({ type: `Interaction callback type ${type} is not valid for interaction type ${interaction.type}` });
  }
  const message = respond(ctx, interaction, type, body.data);
  interaction.response = { type, data: body.data ?? null };
  interaction.originalMessageId = message?.id ?? null;
  if (ctx.query.with_response !== 'true') return { status: 204 };
  return {
    status: 200,
    body: {
      interaction: {
        id: interaction.id,
        type: interaction.type,
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: type === 5,
        response_message_ephemeral: message ? (message.flags & 64) !== 0 : false,
      },
      resource: { type, ...(message ? { message: messageJson(ctx.world, message, ctx.baseUrl) } : {}) },
    },
  };
};

function webhookInteraction(ctx: RouteContext): InteractionState {
  if (ctx.params.app !== ctx.world.applicationId) throw errors.unknownWebhook();
  const interaction = ctx.world.interactionsByToken.get(ctx.params.token ?? '');
  if (!interaction) throw errors.unknownWebhook();
  ctx.markInteraction(interaction.id);
  if (interaction.expired) throw errors.invalidWebhookToken();
  return interaction;
}

function webhookMessage(ctx: RouteContext, interaction: InteractionState): StoredMessage {
  const id = ctx.params.messageId === '@original' ? interaction.originalMessageId : ctx.params.messageId;
  const allowed = id === interaction.originalMessageId || interaction.followUpIds.includes(id ?? '');
  const message = id && allowed ? ctx.world.messages.get(id) : undefined;
  if (!message || message.deleted) throw errors.unknownMessage();
  return message;
}

const followUp = (ctx: RouteContext): RouteResult => {
  const interaction = webhookInteraction(ctx);
  if (!interaction.response) throw errors.unknownWebhook();
  const original = interaction.originalMessageId ? ctx.world.messages.get(interaction.originalMessageId) : undefined;
  let message: StoredMessage;
  if (original && (original.flags & LOADING) !== 0) {
    // After a defer, Discord turns the first follow-up into the "thinking…" message's content.
    validateMessage(ctx.body, ctx.files.length, true);
    editMessage(ctx.world, original, ctx.body, ctx.files);
    ctx.messageChanged('edited', original);
    message = original;
  } else {
    message = createMessage(ctx.world, {
      channelId: interaction.channelId,
      guildId: interaction.guildId,
      authorId: ctx.world.bot.id,
      body: ctx.body,
      files: ctx.files,
      webhookId: ctx.world.applicationId,
      interactionId: interaction.id,
    });
    interaction.followUpIds.push(message.id);
    ctx.messageChanged('created', message);
  }
  if (ctx.query.wait !== 'true') return { status: 204 };
  return { status: 200, body: messageJson(ctx.world, message, ctx.baseUrl) };
};

const getWebhookMessage = (ctx: RouteContext): RouteResult => {
  const message = webhookMessage(ctx, webhookInteraction(ctx));
  return { status: 200, body: messageJson(ctx.world, message, ctx.baseUrl) };
};

const editWebhookMessage = (ctx: RouteContext): RouteResult => {
  const message = webhookMessage(ctx, webhookInteraction(ctx));
  editMessage(ctx.world, message, ctx.body, ctx.files);
  ctx.messageChanged('edited', message);
  return { status: 200, body: messageJson(ctx.world, message, ctx.baseUrl) };
};

const deleteWebhookMessage = (ctx: RouteContext): RouteResult => {
  const message = webhookMessage(ctx, webhookInteraction(ctx));
  message.deleted = true;
  ctx.messageChanged('deleted', message);
  return { status: 204 };
};

export const interactionRoutes: Route[] = [
  { method: 'POST', template: '/interactions/:id/:token/callback', auth: false, handle: callback },
  { method: 'POST', template: '/webhooks/:app/:token', auth: false, handle: followUp },
  { method: 'GET', template: '/webhooks/:app/:token/messages/:messageId', auth: false, handle: getWebhookMessage },
  { method: 'PATCH', template: '/webhooks/:app/:token/messages/:messageId', auth: false, handle: editWebhookMessage },
  { method: 'DELETE', template: '/webhooks/:app/:token/messages/:messageId', auth: false, handle: deleteWebhookMessage },
];


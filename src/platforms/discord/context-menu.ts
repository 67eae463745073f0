import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';

// Right-click (Apps) commands: "Ask to sit" on a member opens the request form with that member as the neighbour
// asked first. Discord-only; the form and the request are /swap request's own.

export const ASK_TO_SIT = 'Ask to sit';

export function contextMenuJson(): RESTPostAPIContextMenuApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.User,
      name: ASK_TO_SIT,
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    },
  ];
}

/** The commands every conversation has (spread first into the command table, src/bot/commands.ts). */
export const coreCommandSpecs = [
  {
    id: 'help',
    names: ['help', '도움말'],
    descriptionKey: 'command.help.description',
    scopes: ['personal', 'team', 'groupChat'],
    menu: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'cancel',
    names: ['cancel', '취소'],
    descriptionKey: 'command.cancel.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
] as const;

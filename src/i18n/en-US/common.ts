/** General bot messages (welcome, help, hints, card actions). Keys must match ko-KR/common.ts. */
export const common = {
  'bot.unknownCommand': 'I did not understand "{text}". Type **help** to see what I can do.',
  'bot.emptyMessage': 'Type **help** to see what I can do.',
  'bot.commandNotInScope':
    'The **{command}** command is not available here. Type **help** to see what you can use in this chat.',
  'bot.stateConflict':
    'Two answers reached this chat at the same moment and yours was not kept. Please send it again. (Reference: {correlationId})',
  'bot.turnError': 'Sorry, something went wrong on our side. Please try again. (Reference: {correlationId})',
  'bot.nothingToCancel': 'There is nothing to cancel.',

  'command.help.description': 'Show what this bot can do here',
  'command.cancel.description': 'Cancel the current step',

  'welcome.title': 'Welcome to the CSP Partner Bot',
  'welcome.body.personal':
    'I help Cloud Solution Provider partners with enrollment, provider authorization, customer invitations and notifications.',
  'welcome.body.team':
    'I was added to this team. I post partner program notifications here and answer commands when you mention me.',
  'welcome.body.groupChat': 'I was added to this group chat. Mention me with a command to get started.',
  'welcome.helpButton': 'What can I do?',

  'help.title': 'What I can do here',
  'help.intro': 'Type one of these commands. Korean names work too.',
  'help.aliases': 'Also: {aliases}',
  'help.mentionHint': 'In a channel or group chat, mention me first, for example: @{botName} help',

  'action.unknownVerb': 'This button is not supported any more. Type **help** to get a fresh card.',
  'action.invalidData': 'This card sent data the bot could not read: {details}',
  'action.failed': 'Sorry, this action failed. Please try again. (Reference: {correlationId})',

  'errorCard.title': 'Something went wrong',
  'errorCard.reference': 'Reference: {correlationId}',
} as const;

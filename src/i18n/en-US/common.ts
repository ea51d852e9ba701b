/** General bot messages (welcome, help, hints). Keys must match ko-KR/common.ts. */
export const common = {
  'bot.unknownCommand': 'I did not understand "{text}". Type **help** to see what I can do.',
  'bot.turnError': 'Sorry, something went wrong on our side. Please try again. (Reference: {correlationId})',
} as const;

/**
 * The offer catalogue command (issue 14), spread into the command table (src/bot/commands.ts).
 * Personal chat only: it is a program administrator's tool, and files to import are sent there
 * (Teams delivers file attachments to bots in personal chat only). Not in Teams' menu.
 */
export const offerCommandSpecs = [
  {
    id: 'offers',
    menu: false,
    names: ['offers', '제품 카탈로그'],
    descriptionKey: 'command.offers.description',
    scopes: ['personal'],
  },
] as const;

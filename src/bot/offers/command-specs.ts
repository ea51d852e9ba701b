/**
 * The offer catalogue command (issue 14), spread into the command table (src/bot/commands.ts).
 * A program administrator's tool: personal chat and the program's channel, like the console that
 * links to it (files to import are sent in personal chat: Teams gives bots files only there).
 * Not in Teams' menu; help lists it to program administrators only.
 */
export const offerCommandSpecs = [
  {
    id: 'offers',
    names: ['offers', '제품 카탈로그'],
    descriptionKey: 'command.offers.description',
    scopes: ['personal', 'team'],
  },
] as const;

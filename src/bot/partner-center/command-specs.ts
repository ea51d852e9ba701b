/**
 * Issue 17 item 2: `partner center` (Korean `파트너 센터`), spread into the command table (src/bot/commands.ts).
 * Personal chat only: the card carries a personal sign-in link. Not in Teams' menu (at most 10 per scope): an
 * administrator's tool, found through help.
 */
export const partnerCenterCommandSpecs = [
  {
    id: 'partnerCenter',
    names: ['partner center', '파트너 센터'],
    descriptionKey: 'command.partnerCenter.description',
    scopes: ['personal'],
  },
] as const;

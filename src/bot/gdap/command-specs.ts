/**
 * Issue 18: `gdap` (Korean `GDAP 목록`) and `request gdap` (`GDAP 요청`), spread into the command table
 * (src/bot/commands.ts). The list reads everywhere (a team's channel watches its relationships); a request is made in
 * personal chat, where its one-time approval link is shown only to the person who asked. Not in Teams' menus (at
 * most 10 per scope, all taken): found through help.
 */
export const gdapCommandSpecs = [
  {
    id: 'gdap',
    names: ['gdap', 'gdap 목록'],
    descriptionKey: 'command.gdap.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'requestGdap',
    names: ['request gdap', 'gdap 요청'],
    descriptionKey: 'command.requestGdap.description',
    scopes: ['personal'],
  },
] as const;

/**
 * The program administrator's console (issue 14 item 1), spread into the command table (src/bot/commands.ts).
 * Personal chat, and the program's channel (PROGRAM_CHANNEL_ID; any other channel is refused, so no partner's
 * team sees what waits for the program). Every command is refused to anyone but a program administrator (U3),
 * and help lists them only to administrators. Not in Teams' menu (no `menu`): its 10 places per scope go to what partners use most.
 */
export const adminCommandSpecs = [
  {
    id: 'adminConsole',
    names: ['admin', '관리자'],
    descriptionKey: 'command.adminConsole.description',
    scopes: ['personal', 'team'],
  },
  {
    id: 'adminReviews',
    names: ['reviews', '검토 대기'],
    descriptionKey: 'command.adminReviews.description',
    scopes: ['personal', 'team'],
  },
  {
    id: 'adminPeople',
    names: ['program admins', '프로그램 관리자'],
    descriptionKey: 'command.adminPeople.description',
    scopes: ['personal', 'team'],
  },
  {
    id: 'adminEndRequests',
    names: ['end requests', '종료 요청'],
    descriptionKey: 'command.adminEndRequests.description',
    scopes: ['personal', 'team'],
  },
  {
    id: 'adminMpn',
    names: ['mpn', 'mpn 조회'],
    descriptionKey: 'command.adminMpn.description',
    scopes: ['personal', 'team'],
  },
] as const;

/** The command ids help shows only to program administrators. */
export const programAdminCommandIds: readonly string[] = [
  ...adminCommandSpecs.map((c) => c.id),
  // issue 14: the offer catalogue (src/bot/offers)
  'offers',
];

/**
 * The partnership commands (issue 5). Spread into the command table (src/bot/commands.ts), which
 * drives routing, the help card and the manifest. Every command has a Korean alias.
 * Teams' command menu holds 10 per scope: the everyday ones (invite reseller, requests, find provider,
 * providers, resellers; notify here in a team) are offered there (`menu`); the others stay routable and in
 * the help card.
 */
export const partnershipCommandSpecs = [
  {
    id: 'inviteReseller',
    names: ['invite reseller', '재판매인 초대'],
    descriptionKey: 'command.inviteReseller.description',
    scopes: ['personal'],
    menu: ['personal'],
  },
  {
    id: 'authorize',
    names: ['authorize', '공급자 승인'],
    descriptionKey: 'command.authorize.description',
    scopes: ['personal'],
  },
  {
    id: 'requests',
    names: ['requests', '파트너 관계 요청'],
    descriptionKey: 'command.requests.description',
    scopes: ['personal'],
    menu: ['personal'],
  },
  {
    id: 'findProvider',
    names: ['find provider', '공급자 찾기'],
    descriptionKey: 'command.findProvider.description',
    scopes: ['personal'],
    menu: ['personal'],
  },
  {
    id: 'providers',
    names: ['providers', '간접 공급자'],
    descriptionKey: 'command.providers.description',
    scopes: ['personal', 'team', 'groupChat'],
    menu: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'resellers',
    names: ['resellers', '간접 재판매인'],
    descriptionKey: 'command.resellers.description',
    scopes: ['personal', 'team', 'groupChat'],
    menu: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'endPartnership',
    names: ['end partnership', '파트너 관계 종료'],
    descriptionKey: 'command.endPartnership.description',
    scopes: ['personal'],
  },
  {
    id: 'notifyHere',
    names: ['notify here', '여기로 알림'],
    descriptionKey: 'command.notifyHere.description',
    scopes: ['team'],
    menu: ['team'],
  },
] as const;

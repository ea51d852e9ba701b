/**
 * The customer commands (issue 6). Spread into the command table (src/bot/commands.ts), which
 * drives routing, the help card and the manifest. Every command has a Korean alias. `invite customer` and
 * `customers` are what partners use most, so Teams' command menu offers them (`menu`); the others stay
 * routable and in the help card.
 */
export const customerCommandSpecs = [
  {
    id: 'inviteCustomer',
    names: ['invite customer', '고객 초대'],
    descriptionKey: 'command.inviteCustomer.description',
    scopes: ['personal'],
    menu: ['personal'],
  },
  {
    id: 'invitations',
    names: ['invitations', '초대 목록'],
    descriptionKey: 'command.invitations.description',
    scopes: ['personal'],
  },
  {
    id: 'addCustomer',
    names: ['add customer', '고객 추가'],
    descriptionKey: 'command.addCustomer.description',
    scopes: ['personal'],
  },
  {
    id: 'customers',
    names: ['customers', '고객 목록'],
    descriptionKey: 'command.customers.description',
    scopes: ['personal', 'team', 'groupChat'],
    menu: ['personal', 'team', 'groupChat'],
  },
] as const;

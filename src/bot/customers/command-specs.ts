/**
 * The customer commands (issue 6). Spread into the command table (src/bot/commands.ts), which
 * drives routing, the help card and the manifest. Every command has a Korean alias. Teams' command
 * menu holds 10 per scope and is full, so these are `menu: false`: routable and in the help card.
 */
export const customerCommandSpecs = [
  {
    id: 'inviteCustomer',
    menu: false,
    names: ['invite customer', '고객 초대'],
    descriptionKey: 'command.inviteCustomer.description',
    scopes: ['personal'],
  },
  {
    id: 'invitations',
    menu: false,
    names: ['invitations', '초대 목록'],
    descriptionKey: 'command.invitations.description',
    scopes: ['personal'],
  },
  {
    id: 'addCustomer',
    menu: false,
    names: ['add customer', '고객 추가'],
    descriptionKey: 'command.addCustomer.description',
    scopes: ['personal'],
  },
  {
    id: 'customers',
    menu: false,
    names: ['customers', '고객 목록'],
    descriptionKey: 'command.customers.description',
    scopes: ['personal', 'team', 'groupChat'],
  },
] as const;

/** The user commands (issue 4: U1–U3), spread into the command table (src/bot/commands.ts). */
export const userCommandSpecs = [
  {
    id: 'users',
    names: ['users', '사용자'],
    descriptionKey: 'command.users.description',
    scopes: ['personal'],
  },
  {
    id: 'addUser',
    names: ['add user', '사용자 추가'],
    descriptionKey: 'command.addUser.description',
    scopes: ['personal'],
  },
  {
    id: 'roles',
    names: ['roles', 'change roles', '역할'],
    descriptionKey: 'command.roles.description',
    scopes: ['personal'],
  },
] as const;

/** The user cards' Action.Execute verbs (issue 4), spread into the verb table (src/bot/verbs.ts). */
export const userVerbs = {
  /** U2: add a user; U1/E7: change a user's roles. */
  userAdd: 'user.add',
  rolesChange: 'roles.change',
} as const;

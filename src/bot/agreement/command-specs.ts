/** The agreement commands (issue 4: M1), spread into the command table (src/bot/commands.ts). */
export const agreementCommandSpecs = [
  {
    id: 'signAgreement',
    names: ['sign agreement', '계약 서명'],
    descriptionKey: 'command.signAgreement.description',
    scopes: ['personal'],
  },
  {
    id: 'agreementStatus',
    names: ['agreement status', '계약 상태'],
    descriptionKey: 'command.agreementStatus.description',
    scopes: ['personal', 'team', 'groupChat'],
    menu: ['team', 'groupChat'],
  },
] as const;

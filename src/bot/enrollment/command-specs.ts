/** The enrollment commands (issue 4), spread into the command table (src/bot/commands.ts). */
export const enrollmentCommandSpecs = [
  {
    id: 'enroll',
    names: ['enroll', '등록'],
    descriptionKey: 'command.enroll.description',
    scopes: ['personal'],
    menu: ['personal'],
  },
  {
    id: 'status',
    names: ['status', '상태'],
    descriptionKey: 'command.status.description',
    scopes: ['personal', 'team', 'groupChat'],
    menu: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'resendVerification',
    names: ['resend verification', '확인 메일 다시 보내기', '확인 메일 재전송'],
    descriptionKey: 'command.resendVerification.description',
    scopes: ['personal'],
  },
] as const;

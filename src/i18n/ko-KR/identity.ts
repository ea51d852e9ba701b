import type { identity as en } from '../en-US/identity.js';

/** 신원(각자의 이메일), 확인 링크 다시 보내기와 확인, MPA 본문 링크(issue 14). */
export const identity: Record<keyof typeof en, string> = {
  'identity.emailUnknown': '이메일 아직 모름',
  'dashboard.identity.emailUnknown': '이메일 아직 모름',

  'command.resendVerification.description':
    '기본 연락처에 새 확인 링크를 보냅니다(이전 링크는 더 이상 작동하지 않습니다).',
  'resend.sent': '{email}(으)로 새 확인 링크를 보냈습니다. 이전 링크는 더 이상 작동하지 않습니다.',
  'resend.alreadyVerified': '기본 연락처({email})가 이미 이메일 주소를 확인했습니다. 보낼 것이 없습니다.',

  'verifyPage.confirm.heading': '{org}의 이메일 주소 확인',
  'verifyPage.confirm.body':
    '{email} 님이 {org}의 기본 연락처로 등록했는지, 이 이메일 주소가 귀사의 이메일 주소가 맞는지 확인하려면 확인을 선택하세요.',
  'verifyPage.confirm.button': '확인',
  'verifyPage.used.heading': '이미 확인된 이메일 주소입니다',
  'verifyPage.used.body':
    '{email}은(는) 이미 {org}의 기본 연락처로 확인되었습니다. 현재 신청 상태: {state}. 여기서 더 할 일은 없습니다.',

  'enroll.form.keepAccountNumber': '비워 두면 이미 입력한 계좌 번호를 그대로 사용합니다',
  'mpa.readText': 'Microsoft 파트너 계약 읽기',
};

import type { guide as en } from '../en-US/guide.js';

/** 안내 카드(이슈 14 항목 4), 공급자 목록의 P3, 모두에게 전달되는 결정(항목 6). */
export const guide: Record<keyof typeof en, string> = {
  'guide.title': '지금 할 수 있는 일',
  'guide.intro': '아래에서 단계를 고르거나 명령을 입력하세요. 모든 명령은 "전체 명령"에 있습니다.',
  'guide.nothing': '지금 여기에서 하실 일이 없습니다. "전체 명령"에서 제가 이해하는 모든 명령을 볼 수 있습니다.',
  'guide.now': '지금 할 수 있는 일:',
  'guide.all': '전체 명령',

  'plist.withdrawAdmin': '관리자 액세스 제거',
  'plist.withdrawAdminConfirm':
    '{provider}은(는) 더 이상 조직에 대한 관리자 액세스 권한을 갖지 않습니다. 파트너 관계는 유지되며 나중에 액세스를 복원할 수 있습니다.',
  'plist.withdrawAdminSubmit': '예, 관리자 액세스 제거',
  'plist.restoreAdmin': '관리자 액세스 복원',
  'plist.adminWithdrawnNotice': '{provider}의 관리자 액세스를 제거했습니다. 파트너 관계는 유지됩니다.',
  'plist.adminRestoredNotice': '{provider}의 관리자 액세스를 복원했습니다.',
  'plist.adminNotWithdrawn': '{provider}은(는) 이미 관리자 액세스 권한이 있습니다. 변경된 내용이 없습니다.',

  'roles.current': '현재 역할: {roles}',
  'roles.changeFor': '역할 변경',

  'papprove.youApproved': '{at}에 이 요청을 승인했습니다.',
  'papprove.youDeclined': '{at}에 이 요청을 거절했습니다.',
  'papprove.toRequester.approved':
    '{provider}이(가) 파트너 관계 요청을 승인했습니다. 이제 {provider}은(는) 간접 공급자 중 하나입니다.',
  'papprove.toRequester.declined': '{provider}이(가) 파트너 관계 요청을 거절했습니다.',
  'papprove.toRequester.reason': '사유: {reason}',
};

import type { notifications as en } from '../en-US/notifications.js';

/** 실패한 알림(이슈 13 항목 2): `실패한 알림` 명령, 카드, 대시보드 섹션. */
export const notifications: Record<keyof typeof en, string> = {
  'command.failedNotices.description': '봇이 전달하지 못한 알림을 표시하고 다시 보냅니다.',

  'failed.title': '실패한 알림',
  'failed.intro':
    '봇이 다시 시도했지만 이 알림을 전달하지 못했습니다. 원인을 해결한 다음(예: 팀에 봇을 다시 추가) 다시 시도하세요.',
  'failed.empty': '실패한 알림이 없습니다. 모든 알림이 전달되었거나 보내는 중입니다.',
  'failed.page': '{page}페이지',
  'failed.previous': '이전',
  'failed.next': '다음',
  'failed.created': '생성: {at}',
  'failed.attempts': '시도 횟수: {count}',
  'failed.reasonLine': '원인: {reason}',
  'failed.audience.organization': '조직의 알림 채널 대상',
  'failed.audience.person': '조직의 사용자 대상',
  'failed.reason.blocked': '알림을 게시할 곳에서 봇이 제거되었거나 차단되었습니다.',
  'failed.reason.no_channel': '조직에 알림 채널이 없습니다(팀 채널에서 "여기로 알림"을 사용하세요).',
  'failed.reason.throttled': 'Microsoft Teams가 계속 봇의 전송 속도를 제한했습니다.',
  'failed.reason.unavailable': 'Microsoft Teams에 연결할 수 없었습니다.',
  'failed.reason.undeliverable': '받는 사람을 찾을 수 없거나 알림을 작성할 수 없었습니다.',
  'failed.reason.rejected': 'Microsoft Teams가 알림을 거부했습니다.',
  'failed.reason.unknown': '예기치 않은 오류입니다.',
  'failed.retry': '다시 시도',
  'failed.retryAll': '모두 다시 시도',
  'failed.retried': '알림을 다시 대기열에 넣었습니다. 곧 보내집니다.',
  'failed.alreadyPending': '이 알림은 이미 보내기 대기 중입니다. 변경된 내용이 없습니다.',
  'failed.alreadySent': '이 알림은 이미 보내졌습니다. 변경된 내용이 없습니다.',
  'failed.retriedAll': '알림 {count}개를 다시 대기열에 넣었습니다. 곧 보내집니다.',
  'failed.retriedAllMore':
    '알림 {count}개를 다시 대기열에 넣었습니다. {remaining}개가 남았습니다. 모두 다시 시도를 한 번 더 선택하세요.',
  'failed.retriedNone': '다시 시도할 실패한 알림이 없습니다. 변경된 내용이 없습니다.',

  'dashboard.failed.heading': '실패한 알림',
  'dashboard.failed.caption': '봇이 전달하지 못한 알림',
  'dashboard.failed.col.notice': '알림',
  'dashboard.failed.col.created': '생성',
  'dashboard.failed.col.attempts': '시도 횟수',
  'dashboard.failed.col.reason': '원인',
  'dashboard.failed.empty': '실패한 알림이 없습니다. 모든 알림이 전달되었거나 보내는 중입니다.',
  'dashboard.failed.hint': '다시 보내려면 봇과의 채팅에서 명령을 열고 다시 시도를 선택하세요.',
};

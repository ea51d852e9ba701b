import type { gdap as en } from '../en-US/gdap.js';

/** 이슈 18: GDAP 관계 (docs/gdap.md) */
export const gdap = {
  'gdap.state.created': '재판매인 동의 대기',
  'gdap.state.approvalPending': '승인 대기',
  'gdap.state.activating': '활성화 중',
  'gdap.state.active': '활성',
  'gdap.state.expiring': '만료 예정',
  'gdap.state.expired': '만료됨',
  'gdap.state.terminationRequested': '종료 요청됨',
  'gdap.state.terminating': '종료 중',
  'gdap.state.terminated': '종료됨',
  'label.entity.gdap': 'GDAP 관계',
  'label.entity.gdapAssignment': '액세스 할당',
  'gdap.role.unknown': 'Entra 역할',
} satisfies Record<keyof typeof en, string>;

import type { labels as en } from '../en-US/labels.js';

/** 저장된 식별자를 사람이 읽는 이름 (src/i18n/format/labels.ts). */
export const labels: Record<keyof typeof en, string> = {
  'label.state.requested': '요청됨',
  'label.state.active': '활성',
  'label.state.declined': '거절됨',
  'label.state.end_requested': '종료 요청됨',
  'label.state.ended': '종료됨',
  'label.state.approved': '승인됨',
  'label.entity.application': '신청',
  'label.entity.channel': '채널',
  'label.entity.contact': '연락처',
  'label.entity.customer': '고객',
  'label.entity.invitation': '초대',
  'label.entity.notification': '알림',
  'label.entity.organization': '조직',
  'label.entity.partnership': '파트너 관계',
  'label.entity.subscription': '구독',
  'label.entity.user': '사용자',
  'label.entity.item': '항목',
  'label.change.added': '추가됨',
  'label.change.partner_of_record_set': '파트너 오브 레코드 변경됨',
  'label.change.support_contact_set': '지정된 지원 담당자 변경됨',
  'label.subscription.unnamed': '제품',
  'label.someone': '다른 사용자',
};

import type { invitePage as en } from '../en-US/invite-page.js';

/** 고객 초대 수락 페이지. Wording follows seeds 000/001 (ko-KR): 재판매인 관계, 관리자 권한, 주문 제출. */
export const invitePage = {
  'invitePage.title': '재판매인 관계 수락',
  'invitePage.lead': '{reseller}에서 클라우드 솔루션 공급자 프로그램의 재판매인 관계를 요청합니다.',
  'invitePage.leadWithProvider':
    '{reseller}와(과) 간접 공급자 {provider}에서 클라우드 솔루션 공급자 프로그램의 재판매인 관계를 요청합니다.',
  'invitePage.grantsHeading': '수락하면',
  'invitePage.grantReseller':
    '{reseller}은(는) 귀사의 구독, 라이선스 및 사용자를 관리할 수 있는 관리자 권한을 갖게 됩니다.',
  'invitePage.grantProvider': '{provider}은(는) 귀사를 대신하여 주문을 제출할 수 있습니다.',
  'invitePage.otherPartners':
    '이미 귀사와 거래하는 파트너와의 관계는 그대로 유지됩니다. 고객은 여러 파트너를 둘 수 있습니다.',
  'invitePage.signedInAs': '{name}(으)로 로그인했습니다(테넌트 {tenant}).',
  'invitePage.expires': '이 초대는 {date}에 만료됩니다.',
  'invitePage.detailsHeading': '귀사 조직',
  'invitePage.detailsHelp': '이 정보는 귀사가 처음 고객이 될 때 한 번만 기록됩니다.',
  'invitePage.fieldName': '조직 이름',
  'invitePage.fieldDomain': '기본 도메인(예: fabrikam.com)',
  'invitePage.fieldCountry': '국가 또는 지역(두 글자 코드, 예: KR)',
  'invitePage.knownCustomer': '귀사는 {name}({domain}, {country})(으)로 기록되어 있습니다.',
  'invitePage.consent': '위에 설명된 대로 {partners}을(를) 승인합니다.',
  'invitePage.both': '{a} 및 {b}',
  'invitePage.accept': '수락',
  'invitePage.decline': '거절',
  'invitePage.acceptedTitle': '초대를 수락했습니다',
  'invitePage.accepted': '감사합니다. 이제 {partners}에서 귀사와 거래할 수 있습니다. 이 페이지를 닫아도 됩니다.',
  'invitePage.declinedTitle': '초대를 거절했습니다',
  'invitePage.declined': '{reseller}의 초대를 거절했습니다. 관계가 만들어지지 않았습니다. 이 페이지를 닫아도 됩니다.',
  'invitePage.errorTitle': '이 초대를 사용할 수 없습니다',
  'invitePage.adminRequiredTitle': '이 초대에는 전역 관리자가 응답해야 합니다',
  'invitePage.otherAccount': '다른 계정으로 로그인',
  'invitePage.problem': '입력 내용을 확인하세요',
  'invitePage.signInFailed': '로그인하지 못했습니다. 초대 링크를 다시 열어 다시 시도하세요.',
  'invitePage.signInUnavailable': '지금은 이 서버에서 로그인할 수 없습니다. 나중에 다시 시도하세요.',
  'invitePage.staleForm': '이 양식이 만료되었거나 이 페이지에서 보낸 것이 아닙니다. 초대 링크를 다시 여세요.',
  'invitePage.badRequest': '요청을 읽을 수 없습니다: {details}',
} as const satisfies Record<keyof typeof en, string>;

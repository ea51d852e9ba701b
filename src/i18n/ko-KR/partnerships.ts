import type { partnerships as en } from '../en-US/partnerships.js';

/** 파트너 관계, 고객 초대, 고객과 구독. Wording follows seeds 001/003 (ko-KR). */
export const partnerships = {
  'partnership.invite.draft':
    '안녕하세요.\n\n{provider}에서 클라우드 솔루션 공급자 프로그램의 간접 공급자로 승인을 요청합니다. ' +
    '아래 맞춤형 링크를 열어 요청을 검토하고 확인란을 선택한 다음 **간접 공급자 승인**을 선택하세요.\n\n{link}\n\n' +
    '이 링크는 한 번만 사용할 수 있으며 {expiresAt}에 만료됩니다.\n\n{sender}',
  'partnership.consent':
    '{provider}을(를) 당사의 간접 공급자로 승인합니다. 이에 따라 공급자는 당사 고객을 대신하여 주문을 제출하고 구독을 추가할 수 있으며, ' +
    '당사 회사의 회사 계정에 대한 관리자 액세스 권한을 받습니다(이 관리자 액세스는 나중에 제거할 수 있으며, 파트너 관계는 유지됩니다).',
  'customer.invite.draft':
    '안녕하세요.\n\n{reseller}에서 클라우드 솔루션 공급자 프로그램의 재판매인 관계를 요청합니다. ' +
    '귀사의 전역 관리자가 아래 맞춤형 링크를 열고 로그인하여 수락하세요.\n\n{link}\n\n이 링크는 한 번만 사용할 수 있으며 {expiresAt}에 만료됩니다.\n\n{sender}',
  'customer.inviteWithProvider.draft':
    '안녕하세요.\n\n{reseller}와(과) 간접 공급자 {provider}에서 클라우드 솔루션 공급자 프로그램의 재판매인 관계를 요청합니다. ' +
    '수락하면 {reseller}은(는) 귀사의 구독, 라이선스 및 사용자를 관리할 수 있는 관리자 권한을 갖게 되고, {provider}은(는) 귀사를 대신하여 ' +
    '주문을 제출할 수 있습니다. 귀사의 전역 관리자가 아래 맞춤형 링크를 열고 로그인하여 수락하세요.\n\n{link}\n\n이 링크는 한 번만 사용할 수 있으며 {expiresAt}에 만료됩니다.\n\n{sender}',
  'customer.removed.delegatedAdminStays':
    '고객과의 관계를 제거해도 부여된 모든 위임된 관리자 권한은 변경되지 않습니다.',
  'customer.removed.noNotice':
    '이 도구는 고객에게 알림을 생성하지 않습니다. 계약에 필요한 경우 고객에게 계약 종료의 법적 고지 사항을 직접 제공해야 합니다.',
  'customer.removed.attestation':
    '고객과의 관계를 중단하기로 한 결정이 선의로, 합법적인 사업 목적으로, 고객 또는 파트너와의 계약에 따라 이루어졌음을 확인합니다.',
  /** CSP regions (src/domain/shared/regions.ts), as the regional-authorization page names them */
  'region.africa': '아프리카',
  'region.asia_pacific': '아시아 및 태평양',
  'region.australia': '오스트레일리아',
  'region.brazil': '브라질',
  'region.canada': '캐나다',
  'region.europe': '유럽',
  'region.india': '인도',
  'region.japan': '일본',
  'region.korea': '대한민국',
  'region.latin_america': '라틴 아메리카 및 카리브 해',
  'region.middle_east_europe': '중동, 중부 유럽 및 동부 유럽',
  'region.new_zealand': '뉴질랜드',
  'region.russia': '러시아',
  'region.taiwan': '대만',
  'region.united_states': '미국',
  'region.china': '중국(21Vianet 운영)',
  'region.unsupported': 'CSP가 지원하지 않는 시장',
} as const satisfies Record<keyof typeof en, string>;

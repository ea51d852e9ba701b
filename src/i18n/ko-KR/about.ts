import type { about as en } from '../en-US/about.js';

/** 홈, 개인정보처리방침, 이용 약관 페이지 (src/web/about-pages.ts). */
export const about: Record<keyof typeof en, string> = {
  'about.title': 'CSP 파트너 봇',
  'about.lead':
    'Microsoft CSP(클라우드 솔루션 공급자) 프로그램 파트너를 위한 Microsoft Teams 봇입니다. 등록, Microsoft 파트너 계약, 간접 공급자 및 재판매인 파트너 관계, 고객 초대와 알림을 한국어와 영어로 지원합니다.',
  'about.howTo':
    'Microsoft Teams에 봇을 추가하고(관리자가 앱 패키지를 업로드합니다) 봇과의 채팅에서 **도움말**을 입력하세요. 봇의 주소는 {messagesUrl}입니다.',
  'about.demo':
    '데모 환경입니다. 여기의 모든 조직, 사람, 제품, MPN ID는 만들어 낸 데모 데이터입니다. 메일은 보내지 않고 파일로 저장합니다.',
  'about.privacyLink': '개인정보처리방침',
  'about.termsLink': '이용 약관',
  'about.homeLink': '봇 소개',
  'privacy.title': '개인정보처리방침',
  'privacy.body1':
    '봇은 CSP 프로그램에 필요한 정보만 보관합니다. 조직의 등록 정보, 관리자가 추가한 사용자(이름, 회사 메일, 역할), 계약 동의, 파트너 관계, 고객과 구독, 그리고 누가 무엇을 변경했는지에 대한 기록입니다.',
  'privacy.body2':
    '직접 청구 파트너의 은행 정보는 암호화하여 저장하고 가려서 표시합니다. 메시지와 메일은 규칙이 정한 사람과 채널에만 보냅니다. 대화 상태는 일정 기간 사용하지 않으면 삭제합니다.',
  'privacy.body3':
    '데이터에 대한 책임은 이 배포의 운영자에게 있습니다. 본인에 대해 기록된 정보를 확인, 수정 또는 삭제하려면 프로그램 관리자에게 요청하세요.',
  'terms.title': '이용 약관',
  'terms.body1':
    '봇은 파트너가 Microsoft CSP 프로그램에 참여하도록 돕습니다. 봇을 사용한다고 해서 Microsoft 파트너 계약이나 파트너와 고객 간의 계약을 대신하지는 않습니다.',
  'terms.body2':
    '소속 조직을 위해서만, 조직이 부여한 역할 범위 안에서 사용하세요. 모든 변경은 변경한 사람의 이름과 함께 기록됩니다.',
  'terms.body3': '서비스는 이 배포의 운영자가 있는 그대로 제공합니다.',
};

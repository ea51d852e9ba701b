import type { partnershipCards as en } from '../en-US/partnership-cards.js';

/** 파트너 관계 카드, 초대 페이지, `notify here`. 용어는 seeds 001/003/004(ko-KR)를 따릅니다: 간접 공급자, 간접 재판매인, 관리자 에이전트, MPA. */
export const partnershipCards = {
  'command.inviteReseller.description': '간접 재판매인에게 간접 공급자 승인을 요청합니다',
  'command.findProvider.description': '간접 공급자 디렉터리를 검색하고 파트너 관계를 요청합니다',
  'command.providers.description': '간접 공급자 목록을 봅니다',
  'command.resellers.description': '간접 재판매인 목록과 MPA 서명 상태를 봅니다',
  'command.endPartnership.description': '프로그램 관리자에게 파트너 관계 종료를 요청합니다',
  'command.notifyHere.description': '조직의 알림을 이 채널로 보냅니다',

  'pinvite.ask.title': '간접 재판매인 초대',
  'pinvite.ask.intro':
    '재판매인 직원의 회사 전자 메일 주소 또는 재판매인의 MPN ID를 입력하세요. 보낼 수 있는 맞춤형 링크가 포함된 메시지 초안을 받게 됩니다.',
  'pinvite.ask.label': '재판매인의 전자 메일 또는 MPN ID',
  'pinvite.ask.placeholder': 'name@reseller.example 또는 1234567',
  'pinvite.ask.submit': '요청 만들기',
  'pinvite.ask.invalid': '회사 전자 메일 주소 또는 MPN ID(5~10자리 숫자)를 입력하세요.',
  'pinvite.draft.title': '파트너 관계 요청',
  'pinvite.draft.intro':
    '이 메시지를 복사하여 {to}에 보내세요. 텍스트는 편집할 수 있지만 맞춤형 링크는 그대로 두어야 합니다. 링크는 한 번만 사용할 수 있으며 {expiresAt}에 만료됩니다.',
  'pinvite.draft.label': '메시지',
  'pinvite.draft.save': '메시지 저장',
  'pinvite.draft.saved': '저장했습니다. 링크가 메시지에 그대로 있습니다.',
  'pinvite.draft.direct':
    '{reseller}은(는) 이미 이 봇을 사용하고 있어 관리자 에이전트도 Teams에서 승인 카드를 받았습니다.',
  'pinvite.draft.directNone':
    '{reseller}은(는) 등록되어 있지만 관리자 에이전트가 아직 이 봇과 대화한 적이 없습니다. 메시지를 보내 주세요.',

  'pauth.title': '간접 공급자 승인',
  'pauth.intro': '{provider}에서 클라우드 솔루션 공급자 프로그램의 간접 공급자로 승인해 달라고 요청합니다.',
  'pauth.grantsHeading': '승인하면 부여되는 권한',
  'pauth.grant.orders': '공급자는 귀사 고객을 대신하여 주문을 제출하고 구독을 추가할 수 있습니다.',
  'pauth.grant.admin':
    '공급자는 귀사 회사 계정에 대한 관리자 액세스 권한을 받습니다. 이 권한은 나중에 제거할 수 있으며, 파트너 관계는 유지됩니다.',
  'pauth.grant.lists': '공급자는 귀사의 간접 공급자 목록에, 귀사는 공급자의 간접 재판매인 목록에 표시됩니다.',
  'pauth.provider': '공급자',
  'pauth.mpnId': 'MPN ID',
  'pauth.region': '지역',
  'pauth.expires': '링크 만료',
  'pauth.consent': '위 내용을 읽었으며 {provider}을(를) 당사의 간접 공급자로 승인합니다.',
  'pauth.submit': '간접 공급자 승인',
  'pauth.done': '{by}님이 {at}에 승인했습니다. 이제 {provider}이(가) 간접 공급자 목록에 있습니다.',
  'pauth.unusable': '이 요청은 더 이상 사용할 수 없습니다. {reason}',

  'dir.title': '간접 공급자 디렉터리',
  'dir.intro': '이름, 지역, 서비스로 해당 지역의 공식 간접 공급자를 검색합니다.',
  'dir.name': '이름 포함',
  'dir.region': '지역',
  'dir.regionOwn': '내 지역',
  'dir.service': '서비스(예: azure, m365, support)',
  'dir.search': '검색',
  'dir.none': '검색 조건에 맞는 공급자가 없습니다.',
  'dir.page': '{page}페이지',
  'dir.next': '다음',
  'dir.previous': '이전',
  'dir.services': '서비스',
  'dir.contact': '연락처',
  'dir.request': '파트너 관계 요청…',
  'dir.consent':
    '{provider}을(를) 당사의 간접 공급자로 승인합니다. 공급자는 당사 고객을 대신하여 주문을 제출하고 구독을 추가할 수 있으며 당사 회사 계정에 대한 관리자 액세스 권한을 받습니다.',
  'dir.message': '공급자에게 보낼 메시지(선택 사항)',
  'dir.send': '요청 보내기',
  'dir.sent': '{provider}에 요청을 보냈습니다. 결정되면 알려 드립니다.',
  'dir.pending': '{provider}에 이미 요청했습니다. 요청이 결정을 기다리고 있습니다.',

  'papprove.title': '파트너 관계 요청',
  'papprove.intro':
    '{reseller}에서 공급자 디렉터리를 통해 간접 공급자가 되어 달라고 요청합니다. 재판매인은 이미 동의했습니다.',
  'papprove.reseller': '재판매인',
  'papprove.mpnId': 'MPN ID',
  'papprove.region': '지역',
  'papprove.requestedAt': '요청 일시',
  'papprove.message': '메시지',
  'papprove.reason': '사유(거절 시 필수)',
  'papprove.approve': '승인',
  'papprove.decline': '거절',
  'papprove.approved': '{by}님이 {at}에 승인했습니다.',
  'papprove.declined': '{by}님이 {at}에 거절했습니다. 사유: {reason}',
  'papprove.alreadyDecided': '다른 사람이 먼저 결정했습니다.',

  'plist.providers.title': '간접 공급자',
  'plist.resellers.title': '간접 재판매인',
  'plist.empty': '아직 없습니다.',
  'plist.since': '{date}부터 파트너',
  'plist.region': '지역: {region}',
  'plist.mpaSigned': 'MPA 서명됨(버전 {version})',
  'plist.mpaNotSigned': 'MPA 미서명: 서명하기 전에는 이 재판매인과 새 비즈니스를 거래할 수 없습니다',
  'plist.endRequested': '종료 요청됨, 프로그램 관리자의 결정을 기다리는 중',
  'plist.notInPartnerCenter': '파트너 센터에 없음: 이 파트너 관계는 봇의 기록에만 있습니다',
  'plist.onlyInPartnerCenter': '파트너 센터에만 있음(봇의 기록에는 없음): {names}',
  'plist.partnerCenterUnavailable': '이 목록에는 봇의 기록만 표시됩니다. {reason}',
  'plist.adminWithdrawn': '관리자 액세스 제거됨',
  'plist.end': '파트너 관계 종료…',
  'plist.addCustomer': '고객 추가',
  'plist.endReason': '이 파트너 관계를 종료해야 하는 이유는 무엇인가요?',
  'plist.endSubmit': '프로그램 관리자에게 요청',
  'plist.endIntro':
    '파트너 관계 종료는 셀프 서비스가 아닙니다. 파트너 관계를 선택하고 사유를 입력하면 프로그램 관리자가 결정하고 양쪽에 알립니다.',
  'plist.endSent': '{provider}와(과) {reseller} 사이의 파트너 관계 종료 요청을 프로그램 관리자에게 보냈습니다.',

  'pend.title': '파트너 관계 종료 요청',
  'pend.provider': '공급자',
  'pend.reseller': '재판매인',
  'pend.requestedBy': '요청자',
  'pend.reason': '사유',
  'pend.decisionReason': '사유(유지 시 필수)',
  'pend.approve': '파트너 관계 종료',
  'pend.decline': '파트너 관계 유지',
  'pend.approved': '{by}님이 {at}에 종료했습니다.',
  'pend.declined': '{by}님이 {at}에 유지하기로 했습니다. 파트너 관계는 계속 활성 상태입니다.',

  'notifyHere.done':
    '이 채널이 연결되었습니다. {org}의 알림(파트너 관계 요청과 결정, 등록 상태 변경)이 여기에 게시됩니다.',
  'notifyHere.already': '이 채널은 이미 {org}의 알림을 받는 채널입니다.',
  'notifyHere.onlyChannel': '팀 채널에서 **notify here**를 사용하세요.',

  'pinvitePage.title': '파트너 관계 요청',
  'pinvitePage.heading': '{provider}에서 간접 공급자 승인을 요청합니다',
  'pinvitePage.intro':
    '{provider}(MPN ID {mpnId}, 지역 {region})에서 클라우드 솔루션 공급자 프로그램의 이 요청을 귀사에 보냈습니다.',
  'pinvitePage.howTo':
    '수락하려면 Microsoft Teams에서 요청을 열고 동의 확인란을 선택한 다음 "간접 공급자 승인"을 선택하세요. 전역 관리자, 사용자 관리자, 관리자 에이전트 또는 판매 에이전트 역할이 필요합니다.',
  'pinvitePage.openTeams': 'Microsoft Teams에서 열기',
  'pinvitePage.tellBot': '봇과의 채팅에 다음을 입력하세요: authorize {token}',
  'pinvitePage.expires': '이 링크는 한 번만 사용할 수 있으며 {expiresAt}에 만료됩니다.',
  'pinvitePage.invalid.title': '이 링크는 사용할 수 없습니다',
  'pinvitePage.invalid.TOKEN_INVALID':
    '유효하지 않은 초대 링크입니다. 링크 전체를 복사했는지 확인하거나 공급자에게 새 링크를 요청하세요.',
  'pinvitePage.invalid.TOKEN_EXPIRED': '초대 링크가 만료되었습니다. 공급자에게 새 링크를 요청하세요.',
  'pinvitePage.invalid.TOKEN_USED': '이미 사용된 초대 링크입니다.',
  'pinvitePage.invalid.TOKEN_REVOKED': '공급자가 철회한 초대 링크입니다. 공급자에게 새 링크를 요청하세요.',

  'command.authorize.description': '공급자가 보낸 링크로 간접 공급자를 승인합니다',
  'command.requests.description': '사용자 또는 공급자의 응답을 기다리는 파트너 관계 요청',

  'preq.title': '파트너 관계 요청',
  'preq.none': '대기 중인 파트너 관계 요청이 없습니다. 결정할 요청도, 공급자의 응답을 기다리는 요청도 없습니다.',
  'preq.forYou': '디렉터리 요청 {count}개가 결정을 기다리고 있습니다. 아래 각 카드에서 승인하거나 거절할 수 있습니다.',
  'preq.more':
    '최근 요청 {shown}개입니다. 이 요청을 결정한 다음 **파트너 관계 요청**을 다시 입력하면 나머지를 볼 수 있습니다.',
  'preq.invitations.heading': '응답을 기다리는 간접 공급자의 초대',
  'preq.invitations.row': '{provider}(MPN ID {mpnId}) · 보낸 날짜 {sent} · 만료 {expires}',
  'preq.invitations.hint':
    '공급자를 승인하려면 공급자가 보낸 메시지의 링크를 열고(또는 **공급자 승인** 다음에 링크를 입력하고) 동의 확인란을 선택한 다음 간접 공급자 승인을 선택하세요.',
  'preq.sent.heading': '공급자의 응답을 기다리는 요청',
  'preq.sent.row': '{provider} · 요청일 {requested}',
  'preq.sent.hint': '공급자가 카드에서 승인하거나 거절하면 여기와 알림 채널에서 알려 드립니다.',
} as const satisfies Record<keyof typeof en, string>;

import type { partnerCenter as en } from '../en-US/partner-center.js';

/** 이슈 17 항목 2: 조직의 파트너 센터 계정 연결 (카드, 응답, 로그인 페이지). */
export const partnerCenter = {
  'command.partnerCenter.description': '관리자: 파트너 센터 계정을 연결하고 봇의 사용 방식을 선택합니다',

  'pc.title': '파트너 센터 계정',
  'pc.intro.unlinked':
    '{orgName}에 연결된 파트너 센터 계정이 없습니다. 봇은 자체 기록으로 작동하며(내장 모드), 계정을 연결하고 연결 모드를 선택하기 전에는 달라지는 것이 없습니다.',
  'pc.intro.linked': '{orgName}은(는) 파트너 센터 계정에 연결되어 있습니다.',
  'pc.intro.needsSignIn':
    '{orgName}의 파트너 센터 로그인이 만료되었거나 취소되어 봇은 자체 기록으로 작동합니다. 파트너 센터를 사용하려면 다시 로그인하세요.',
  'pc.notConfigured': '이 봇에는 아직 파트너 센터 계정 연결이 설정되지 않았습니다. 봇 운영자에게 문의하세요.',
  'pc.link': '파트너 센터 계정 연결',
  'pc.relink': '다시 로그인',
  'pc.linkHint':
    '버튼을 누르면 브라우저에서 Microsoft 로그인이 열립니다. {minutes}분 동안 한 번만 사용할 수 있습니다. 다단계 인증을 사용하는 우리 조직의 파트너 센터 계정으로 로그인하세요.',
  'pc.fact.linkedBy': '연결한 사람',
  'pc.fact.linkedByValue': '{name}, {date}',
  'pc.fact.account': '계정',
  'pc.fact.mode': '모드',
  'pc.fact.signIn': '로그인',
  'pc.signIn.active': '사용 가능, 사용하지 않으면 {date}에 만료',
  'pc.signIn.needed': '만료 또는 취소됨: 다시 로그인하세요',
  'pc.mode.label': '이 조직에서 파트너 센터의 역할',
  'pc.mode.embedded': '내장',
  'pc.mode.connected': '연결',
  'pc.mode.embeddedChoice': '내장: 봇이 자체 기록을 유지합니다(기존과 동일)',
  'pc.mode.connectedChoice': '연결: Microsoft가 관리하는 정보를 파트너 센터에서 읽고 파트너 센터에 씁니다',
  'pc.saveMode': '모드 저장',
  'pc.modeSaved': '모드를 저장했습니다: {mode}.',
  'pc.unlink': '연결 해제',
  'pc.unlinkConfirm':
    '파트너 센터 계정 연결을 해제할까요? 저장된 로그인이 삭제되고 {orgName}은(는) 내장 모드로 돌아갑니다.',
  'pc.unlinkNow': '지금 연결 해제',
  'pc.unlinked': '파트너 센터 계정 연결을 해제하고 저장된 로그인을 삭제했습니다.',
  'pc.alreadyUnlinked': '연결된 파트너 센터 계정이 없습니다.',

  // 이슈 17 항목 4 (W1–W6): 채널로 받는 파트너 센터 이벤트와 카드에서의 등록
  'pc.fact.events': '파트너 센터 이벤트',
  'pc.events.registered': '{date}부터 알림 채널에서 받는 중',
  'pc.events.notRegistered': '받지 않음',
  'pc.events.register': '파트너 센터 이벤트 받기',
  'pc.events.reregister': '파트너 센터 이벤트 다시 등록',
  'pc.events.registeredNotice': '이제 파트너 센터가 이벤트를 봇에 보냅니다. {orgName}의 알림 채널에 표시됩니다.',
  'pc.events.failed': '파트너 센터에 연결할 수 없어 아무것도 등록되지 않았습니다. 나중에 다시 시도하세요.',
  'pc.events.notSetUp': '이 봇에는 아직 파트너 센터 이벤트 수신이 설정되지 않았습니다. 봇 운영자에게 문의하세요.',
  'pc.event.reseller-relationship-accepted-by-customer': '고객이 재판매인 관계 요청을 수락했습니다',
  'pc.event.subscription-updated': '구독이 변경되었습니다',
  'pc.event.usagerecords-thresholdExceeded': '고객의 사용량이 예산을 넘었습니다',
  'pc.event.referral-created': '추천이 생성되었습니다',
  'pc.event.referral-updated': '추천이 변경되었습니다',
  'pc.event.invoice-ready': '새 청구서가 준비되었습니다',
  'pc.event.dap-admin-relationship-approved': '고객이 관리자 관계를 승인했습니다',
  'pc.event.other': '파트너 센터에서 변경 사항이 있습니다',

  'pcLink.title': '파트너 센터 계정 연결됨',
  'pcLink.errorTitle': '파트너 센터 계정이 연결되지 않음',
  'pcLink.linked':
    '파트너 센터 계정이 {orgName}에 연결되었습니다. 관리자가 연결 모드를 선택하기 전까지 조직은 내장 모드로 유지됩니다.',
  'pcLink.relinked': '다시 로그인했습니다. {orgName}의 파트너 센터 계정을 다시 사용할 수 있습니다.',
  'pcLink.cancelled': '로그인이 취소되었거나 거부되어 아무것도 연결되지 않았습니다.',
  'pcLink.failed': '지금은 로그인을 완료할 수 없어 아무것도 연결되지 않았습니다. 나중에 다시 시도하세요.',
  'pcLink.backToTeams': '이 페이지를 닫고 Microsoft Teams로 돌아가세요.',
} satisfies Record<keyof typeof en, string>;

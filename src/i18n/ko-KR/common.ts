import type { common as en } from '../en-US/common.js';

export const common = {
  'bot.unknownCommand': '"{text}"을(를) 이해하지 못했습니다. 사용할 수 있는 명령을 보려면 **help**를 입력하세요.',
  'bot.emptyMessage': '사용할 수 있는 명령을 보려면 **도움말**을 입력하세요.',
  'bot.commandNotInScope':
    '**{command}** 명령은 여기에서 사용할 수 없습니다. 이 채팅에서 사용할 수 있는 명령을 보려면 **도움말**을 입력하세요.',
  'bot.stateConflict':
    '같은 순간에 이 대화에 두 개의 답변이 도착하여 보내신 답변이 저장되지 않았습니다. 다시 보내 주세요. (참조: {correlationId})',
  'bot.turnError': '죄송합니다. 처리 중 문제가 발생했습니다. 다시 시도해 주세요. (참조: {correlationId})',
  'bot.nothingToCancel': '취소할 작업이 없습니다.',

  'command.help.description': '여기에서 이 봇이 할 수 있는 일 보기',
  'command.cancel.description': '현재 단계 취소',

  'welcome.title': 'CSP 파트너 봇에 오신 것을 환영합니다',
  'welcome.body.personal':
    '클라우드 솔루션 공급자(CSP) 파트너의 등록, 공급자 권한 부여, 고객 초대 및 알림을 도와드립니다.',
  'welcome.body.team':
    '이 팀에 추가되었습니다. 파트너 프로그램 알림을 여기에 게시하고, 저를 멘션하면 명령에 응답합니다.',
  'welcome.body.groupChat': '이 그룹 채팅에 추가되었습니다. 시작하려면 저를 멘션하고 명령을 입력하세요.',
  'welcome.helpButton': '무엇을 할 수 있나요?',

  'help.title': '여기에서 할 수 있는 일',
  'help.intro': '다음 명령 중 하나를 입력하세요. 영어 이름도 사용할 수 있습니다.',
  'help.aliases': '다른 이름: {aliases}',
  'help.mentionHint': '채널이나 그룹 채팅에서는 먼저 저를 멘션하세요. 예: @{botName} 도움말',

  'action.unknownVerb': '더 이상 지원되지 않는 단추입니다. 새 카드를 받으려면 **도움말**을 입력하세요.',
  'action.invalidData': '카드에서 보낸 데이터를 읽을 수 없습니다: {details}',
  'action.failed': '죄송합니다. 이 작업을 처리하지 못했습니다. 다시 시도해 주세요. (참조: {correlationId})',

  'errorCard.title': '문제가 발생했습니다',
  'errorCard.reference': '참조: {correlationId}',
} satisfies Record<keyof typeof en, string>;

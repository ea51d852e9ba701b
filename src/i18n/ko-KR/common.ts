import type { common as en } from '../en-US/common.js';

export const common = {
  'bot.unknownCommand': '"{text}"을(를) 이해하지 못했습니다. 사용할 수 있는 명령을 보려면 **help**를 입력하세요.',
  'bot.turnError': '죄송합니다. 처리 중 문제가 발생했습니다. 다시 시도해 주세요. (참조: {correlationId})',
} satisfies Record<keyof typeof en, string>;

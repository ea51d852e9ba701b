import type { errors as en } from '../en-US/errors.js';

export const errors = {
  'error.VALIDATION': '입력한 내용 중 올바르지 않은 항목이 있습니다: {details}',
} satisfies Record<keyof typeof en, string>;

/** One message per AppError code (src/domain/errors.ts). Keys must match ko-KR/errors.ts. */
export const errors = {
  'error.VALIDATION': 'Some of what you entered is not valid: {details}',
} as const;

/** Stable error codes of the API; messages live in the i18n files. */
export const errorCodes = [
  'BAD_REQUEST',
  'INVALID_JSON',
  'VALIDATION_FAILED',
  'UNKNOWN_OBJECT',
  'UNKNOWN_FIELD',
  'UNKNOWN_PARAMETER',
  'UNKNOWN_OPERATOR',
  'INVALID_FILTER',
  'INVALID_CURSOR',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CSRF_FAILED',
  'LOGIN_FAILED',
  'TWO_FACTOR_REQUIRED',
  'TWO_FACTOR_FAILED',
  'VERSION_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'DUPLICATE_VALUE',
  'REFERENCE_NOT_FOUND',
  'IN_USE',
  'OBJECT_EXISTS',
  'FIELD_EXISTS',
  'READ_ONLY_OBJECT',
  'NOT_DELETED',
  'UNKNOWN_VERSION',
  'IMPORT_FAILED',
  'EXPORT_APPROVAL_REQUIRED',
  'RATE_LIMITED',
  'TOO_MANY_RECORDS',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Field-level problem codes (the values of `error.fields`). */
export const fieldErrorCodes = [
  'required',
  'unknown',
  'readOnly',
  'type',
  'tooLong',
  'tooSmall',
  'tooLarge',
  'format',
  'invalidOption',
  'invalidPhone',
  'invalidEmail',
  'invalidUrl',
  'invalidRegion',
  'invalidCreditCode',
  'invalidDate',
  'notFound',
  'duplicate',
  'weakPassword',
  'invalidName',
  'invalidFormula',
  'ambiguous',
  'incorrect',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, FieldErrorCode> };
}

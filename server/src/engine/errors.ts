import type { ErrorCode, FieldErrorCode, Label } from '@kehu/common';

const statusOf: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  UNKNOWN_OBJECT: 404,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  READ_ONLY_OBJECT: 403,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  TWO_FACTOR_REQUIRED: 403,
  TWO_FACTOR_FAILED: 401,
  VERSION_CONFLICT: 409,
  DUPLICATE_VALUE: 409,
  OBJECT_EXISTS: 409,
  FIELD_EXISTS: 409,
  IN_USE: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** An error with a stable code, translated at the HTTP edge. */
export class KehuError extends Error {
  readonly status: number;
  /** Labels of the fields in `fields`, so that the message names them as users know them. */
  fieldLabels?: Record<string, Label>;
  /** Placeholders of a field's problem text (`field.notOfParent`: which field it must agree with). */
  fieldParams?: Record<string, Record<string, string | Label>>;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fields?: Record<string, FieldErrorCode>,
    status?: number,
  ) {
    super(code);
    this.status = status ?? statusOf[code] ?? 400;
  }
}

/** A problem with one field's value, collected into VALIDATION_FAILED. */
export class FieldProblem extends Error {
  constructor(readonly problem: FieldErrorCode) {
    super(problem);
  }
}

export function validationFailed(fields: Record<string, FieldErrorCode>, labels?: Record<string, Label>): KehuError {
  const e = new KehuError('VALIDATION_FAILED', { fields: Object.keys(fields).join(', ') }, fields);
  if (labels) e.fieldLabels = labels;
  return e;
}

export const notFound = () => new KehuError('NOT_FOUND');
export const forbidden = () => new KehuError('FORBIDDEN');
export const badRequest = (detail: string) => new KehuError('BAD_REQUEST', { detail });

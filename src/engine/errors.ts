/** The `type` of a Stripe error object. */
export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'authentication_error'
  | 'rate_limit_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
  request_log_url?: string;
}

const DOCS = 'https://stripe.com/docs/error-codes';

/** An error that leaves the API as Stripe's envelope `{error: {...}}` with its HTTP status. */
export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }

  toJSON(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

function invalid(message: string, extra: Partial<StripeErrorBody> = {}, status = 400): StripeError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message, ...extra };
  if (body.code && !body.doc_url) body.doc_url = `${DOCS}/${body.code.replace(/_/g, '-')}`;
  return new StripeError(status, body);
}

/** A plain 400 `invalid_request_error`, optionally with a param and code. */
export function invalidRequest(message: string, param?: string, code?: string): StripeError {
  return invalid(message, { ...(param ? { param } : {}), ...(code ? { code } : {}) });
}

export function parameterMissing(param: string): StripeError {
  return invalid(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

export function parameterUnknown(param: string): StripeError {
  return invalid(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });
}

export function invalidInteger(param: string, value: unknown): StripeError {
  return invalid(`Invalid integer: ${String(value)}`, { code: 'parameter_invalid_integer', param });
}

export function invalidEmpty(param: string): StripeError {
  return invalid(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    { code: 'parameter_invalid_empty', param },
  );
}

/** `human` is the object's name as Stripe spells it in prose ("webhook endpoint"). */
export function resourceMissing(human: string, id: string, param = 'id'): StripeError {
  return invalid(`No such ${human}: '${id}'`, { code: 'resource_missing', param }, 404);
}

export function unrecognizedUrl(method: string, url: string): StripeError {
  return invalid(
    `Unrecognized request URL (${method}: ${url}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    {},
    404,
  );
}

/** An attempted transition the object's state machine does not allow. */
export function invalidState(message: string, param?: string): StripeError {
  return invalid(message, { ...(param ? { param } : {}) });
}

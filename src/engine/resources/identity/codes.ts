import { invalidRequest } from '../../errors.js';
import type { VerificationSession } from './shape.js';

/** Which check a `last_error.code` belongs to; `session` codes end the user's session before any check runs. */
export type CheckName = 'session' | 'document' | 'id_number' | 'selfie' | 'email' | 'phone';

/** Every `last_error.code` Stripe lists, with the check it belongs to and the reason shown to users. */
export const ERROR_CODES: Record<string, { check: CheckName; reason: string }> = {
  abandoned: { check: 'session', reason: 'The user started the verification but did not submit it.' },
  consent_declined: { check: 'session', reason: 'The user declined to be verified by Stripe.' },
  country_not_supported: { check: 'session', reason: "The user's country is not supported." },
  device_not_supported: { check: 'session', reason: "The user's device is not supported." },
  under_supported_age: { check: 'session', reason: 'The user is under the minimum age supported.' },
  document_expired: { check: 'document', reason: 'The document is expired.' },
  document_type_not_supported: { check: 'document', reason: 'The document type is not supported.' },
  document_unverified_other: { check: 'document', reason: 'The document could not be verified.' },
  id_number_insufficient_document_data: { check: 'id_number', reason: 'The document did not have enough data to match the ID number.' },
  id_number_mismatch: { check: 'id_number', reason: 'The ID number does not match the name and date of birth given.' },
  id_number_unverified_other: { check: 'id_number', reason: 'The ID number could not be verified.' },
  selfie_document_missing_photo: { check: 'selfie', reason: 'The document does not contain a photo of a face.' },
  selfie_face_mismatch: { check: 'selfie', reason: 'The selfie does not match the face on the document.' },
  selfie_manipulated: { check: 'selfie', reason: 'The selfie image was manipulated.' },
  selfie_unverified_other: { check: 'selfie', reason: 'The selfie could not be verified.' },
  email_unverified_other: { check: 'email', reason: 'The email address could not be verified.' },
  email_verification_declined: { check: 'email', reason: 'The user declined to verify their email address.' },
  phone_unverified_other: { check: 'phone', reason: 'The phone number could not be verified.' },
  phone_verification_declined: { check: 'phone', reason: 'The user declined to verify their phone number.' },
};

export const DEFAULT_UNVERIFY_CODE = 'document_unverified_other';

/** The checks a session's `type` and `options` ask for (a verification flow is a document check here). */
export function checksOf(vs: Pick<VerificationSession, 'type' | 'options'>): Set<CheckName> {
  const checks = new Set<CheckName>(['session']);
  const o = vs.options ?? {};
  if (vs.type === 'id_number') checks.add('id_number');
  else {
    checks.add('document');
    if (o.document?.require_id_number) checks.add('id_number');
    if (o.document?.require_matching_selfie) checks.add('selfie');
  }
  if (o.email?.require_verification) checks.add('email');
  if (o.phone?.require_verification) checks.add('phone');
  return checks;
}

/** The code an unverify without one uses: `document_unverified_other`, or its ID number twin for a session with no document check. */
export function defaultCodeFor(vs: Pick<VerificationSession, 'type' | 'options'>): string {
  return checksOf(vs).has('document') ? DEFAULT_UNVERIFY_CODE : 'id_number_unverified_other';
}

/** The failure code to apply, or Stripe's 400 when it is unknown or names a check this session does not run. */
export function checkFailureCode(vs: VerificationSession, code: unknown): string {
  if (code === undefined || code === null) return defaultCodeFor(vs);
  if (typeof code !== 'string' || !ERROR_CODES[code]) {
    throw invalidRequest(`Invalid code: must be one of ${Object.keys(ERROR_CODES).join(', ')}.`, 'code');
  }
  const { check } = ERROR_CODES[code];
  if (!checksOf(vs).has(check)) {
    throw invalidRequest(
      `The code \`${code}\` is for the ${check.replace('_', ' ')} check, which the VerificationSession ${vs.id} (type \`${vs.type}\`) does not perform.`,
      'code',
    );
  }
  return code;
}

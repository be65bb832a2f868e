import type { StripeObject } from '../../store/objects.js';

export const SESSION = 'identity.verification_session';
export const REPORT = 'identity.verification_report';

export type SessionStatus = 'requires_input' | 'processing' | 'verified' | 'canceled';

export interface SessionOptions {
  document?: { allowed_types?: string[]; require_id_number?: boolean; require_live_capture?: boolean; require_matching_selfie?: boolean };
  id_number?: Record<string, never>;
  email?: { require_verification?: boolean };
  phone?: { require_verification?: boolean };
  matching?: { dob?: string; name?: string };
}

export type VerificationSession = StripeObject & {
  client_reference_id: string | null;
  client_secret: string | null;
  created: number;
  last_error: { code: string | null; reason: string | null } | null;
  last_verification_report: string | null;
  metadata: Record<string, string>;
  options: SessionOptions | null;
  provided_details: { email?: string; phone?: string } | null;
  redaction: { status: 'processing' | 'redacted' } | null;
  related_customer: string | null;
  related_customer_account: string | null;
  status: SessionStatus;
  type: 'document' | 'id_number' | 'verification_flow';
  url: string | null;
  verification_flow?: string;
  verified_outputs: Record<string, unknown> | null;
};

export type VerificationReport = StripeObject & {
  client_reference_id: string | null;
  created: number;
  type: 'document' | 'id_number' | 'verification_flow';
  verification_session: string | null;
  document?: Record<string, unknown>;
  id_number?: Record<string, unknown>;
  selfie?: Record<string, unknown>;
  email?: Record<string, unknown>;
  phone?: Record<string, unknown>;
};

export const REDACTED = '[redacted]';

/**
 * The sandbox's test person: every verified session and report carries this
 * data (Stripe's test mode runs no real checks either). Fields Stripe returns
 * only when expanded are kept apart in `EXPANDED_ONLY`.
 */
export const TEST_PERSON = {
  first_name: 'Jenny',
  last_name: 'Rosen',
  address: { city: 'San Francisco', country: 'US', line1: '1234 Main Street', line2: null, postal_code: '94111', state: 'CA' },
  dob: { day: 1, month: 1, year: 1990 },
  sex: 'female',
  unparsed_place_of_birth: 'San Francisco, California',
  unparsed_sex: 'F',
  id_number: '000000000',
  id_number_type: 'us_ssn',
  document: {
    number: 'D1234567',
    issuing_country: 'US',
    issued_date: { day: 1, month: 1, year: 2020 },
    expiration_date: { day: 1, month: 1, year: 2036 },
  },
} as const;

/** Fields of each hash that Stripe only includes when expanded (`expand[]=verified_outputs.dob`). */
export const EXPANDED_ONLY: Record<string, string[]> = {
  [`${SESSION}.verified_outputs`]: ['dob', 'id_number', 'sex', 'unparsed_place_of_birth', 'unparsed_sex'],
  [`${REPORT}.document`]: ['dob', 'expiration_date', 'number', 'sex', 'unparsed_place_of_birth', 'unparsed_sex'],
  [`${REPORT}.id_number`]: ['dob', 'id_number'],
};

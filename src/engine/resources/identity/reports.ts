import type { EngineCore, Operation, RequestContext } from '../../context.js';
import { listObjects } from '../../http/list.js';
import { newId, randomTail } from '../../ids.js';
import type { StripeObject } from '../../store/objects.js';
import { load } from '../treasury/common.js';
import { ERROR_CODES, checksOf, type CheckName } from './codes.js';
import { EXPANDED_ONLY, REDACTED, REPORT, SESSION, TEST_PERSON, type VerificationReport, type VerificationSession } from './shape.js';

/** The sandbox stores no images: a report names File ids as Stripe's do, and they stay unresolvable. */
function fileId(): string {
  return `file_1${randomTail(23)}`;
}

function outcomeOf(check: CheckName, failed: string | undefined): { status: string; error: { code: string; reason: string } | null } {
  if (failed && ERROR_CODES[failed].check === check) return { status: 'unverified', error: { code: failed, reason: ERROR_CODES[failed].reason } };
  return { status: 'verified', error: null };
}

/**
 * The VerificationReport of one submission: a section per check the session's
 * type and options ask for, each verified except the one `failedCode` names.
 * Fields Stripe returns only when expanded are left out (see EXPANDED_ONLY).
 */
export function buildReport(core: EngineCore, vs: VerificationSession, failedCode?: string): VerificationReport {
  const checks = checksOf(vs);
  const p = TEST_PERSON;
  const documentFile = fileId();
  const report: VerificationReport = {
    id: newId('identity.verification_report'),
    object: REPORT,
    client_reference_id: vs.client_reference_id,
    created: core.clock.now(),
    livemode: false,
    options: vs.type === 'id_number' ? { id_number: {} } : { document: { ...(vs.options?.document ?? {}) } },
    type: vs.type,
    verification_session: vs.id,
  };
  if (vs.verification_flow) report.verification_flow = vs.verification_flow;
  if (checks.has('document')) {
    report.document = {
      address: { ...p.address },
      files: [documentFile, fileId()],
      first_name: p.first_name,
      issued_date: { ...p.document.issued_date },
      issuing_country: p.document.issuing_country,
      last_name: p.last_name,
      type: vs.options?.document?.allowed_types?.[0] ?? 'driving_license',
      ...outcomeOf('document', failedCode),
    };
  }
  if (checks.has('id_number')) {
    report.id_number = { first_name: p.first_name, id_number_type: p.id_number_type, last_name: p.last_name, ...outcomeOf('id_number', failedCode) };
  }
  if (checks.has('selfie')) report.selfie = { document: documentFile, selfie: fileId(), ...outcomeOf('selfie', failedCode) };
  if (checks.has('email')) report.email = { email: vs.provided_details?.email ?? null, ...outcomeOf('email', failedCode) };
  if (checks.has('phone')) report.phone = { phone: vs.provided_details?.phone ?? null, ...outcomeOf('phone', failedCode) };
  return report;
}

const DATE_NULL = { day: null, month: null, year: null };

/** The value of an expand-only field for an owner object: the test person's, or a placeholder once redacted. */
function hiddenValue(field: string, redacted: boolean, kind: 'session' | 'document' | 'id_number'): unknown {
  const p = TEST_PERSON;
  const dates: Record<string, unknown> = { dob: p.dob, expiration_date: p.document.expiration_date };
  if (field in dates) return redacted ? { ...DATE_NULL } : { ...(dates[field] as object) };
  if (redacted) return REDACTED;
  if (field === 'number') return p.document.number;
  // For a us_ssn, a report shows only the last 4 digits; the session's verified outputs show it whole.
  if (field === 'id_number') return kind === 'id_number' ? p.id_number.slice(-4) : p.id_number;
  return (p as Record<string, unknown>)[field];
}

function isRedacted(core: EngineCore, sessionId: string | null): boolean {
  if (!sessionId) return false;
  return core.store.get<VerificationSession>(sessionId, SESSION)?.redaction != null;
}

/** Expanders for the fields Stripe returns only when asked (`expand[]=verified_outputs.dob`, `document.number` …). */
export function identityExpanders(): Record<string, (core: EngineCore, object: StripeObject) => unknown> {
  const out: Record<string, (core: EngineCore, object: StripeObject) => unknown> = {};
  for (const [owner, fields] of Object.entries(EXPANDED_ONLY)) {
    const hash = owner.slice(owner.lastIndexOf('.') + 1);
    const kind = owner.startsWith(SESSION) ? 'session' : (hash as 'document' | 'id_number');
    for (const field of fields) {
      out[`${owner}.${field}`] = (core, obj) => {
        if (obj[hash] == null) return null;
        const sessionId = obj.object === SESSION ? obj.id : (obj.verification_session as string | null);
        if (field === 'id_number' && kind === 'session' && (obj[hash] as Record<string, unknown>).id_number_type == null) return null;
        return hiddenValue(field, isRedacted(core, sessionId), kind);
      };
    }
  }
  return out;
}

function list(ctx: RequestContext) {
  const p = ctx.params;
  const where: Record<string, string> = {};
  if (p.type !== undefined) where.type = p.type;
  if (p.client_reference_id !== undefined) where.client_reference_id = p.client_reference_id;
  return listObjects(ctx, REPORT, '/v1/identity/verification_reports', { owner: p.verification_session, where });
}

/** VerificationReport: retrieve and list (filters type, verification_session, created, client_reference_id). */
export const reportOperations: Operation[] = [
  { method: 'GET', path: '/v1/identity/verification_reports', handler: list },
  {
    method: 'GET',
    path: '/v1/identity/verification_reports/{report}',
    handler: (ctx) => load<VerificationReport>(ctx.core, REPORT, ctx.path.report, 'verification report', 'report'),
  },
];

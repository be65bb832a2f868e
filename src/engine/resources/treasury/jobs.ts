/** The sandbox's scheduled Treasury work, by job kind (handlers live in schedule.ts). */
export const JOBS = {
  /** An ACH outbound flow is handed to the network and stops being cancelable. */
  submitOutbound: 'treasury.outbound.submit',
  /** An outbound flow reaches its expected arrival date: the network's outcome happens. */
  arriveOutbound: 'treasury.outbound.arrive',
  /** An inbound transfer's debit settles (or fails) at the origin bank. */
  settleInbound: 'treasury.inbound.settle',
  /** A received credit or debit's reversal window closes. */
  reversalDeadline: 'treasury.received.reversal_deadline',
  /** A credit reversal posts. */
  postCreditReversal: 'treasury.credit_reversal.post',
  /** The network resolves a debit reversal. */
  resolveDebitReversal: 'treasury.debit_reversal.resolve',
} as const;

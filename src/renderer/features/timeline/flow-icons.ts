import type { FlowType } from '@shared/dashboard-api';

/** A glyph and a tone per flow type: money in is green, out is amber, reversals violet. */
export const FLOW_STYLE: Record<FlowType, { icon: string; tone: string; label: string }> = {
  received_credit: { icon: '↓', tone: 'in', label: 'Received credit' },
  inbound_transfer: { icon: '⇣', tone: 'in', label: 'Inbound transfer' },
  received_debit: { icon: '↑', tone: 'out', label: 'Received debit' },
  outbound_payment: { icon: '↗', tone: 'out', label: 'Outbound payment' },
  outbound_transfer: { icon: '⇡', tone: 'out', label: 'Outbound transfer' },
  credit_reversal: { icon: '↺', tone: 'rev', label: 'Credit reversal' },
  debit_reversal: { icon: '↻', tone: 'rev', label: 'Debit reversal' },
  issuing_authorization: { icon: '▣', tone: 'out', label: 'Issuing authorization' },
  other: { icon: '•', tone: 'muted', label: 'Other' },
};

export const FLOW_TYPES = Object.keys(FLOW_STYLE) as FlowType[];

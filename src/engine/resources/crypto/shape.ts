import type { StripeObject } from '../../store/objects.js';

export const ONRAMP_SESSION = 'crypto.onramp_session';
export const UPDATED_EVENT = 'crypto.onramp_session_updated';

export type OnrampStatus = 'initialized' | 'rejected' | 'requires_payment' | 'fulfillment_processing' | 'fulfillment_complete';

export interface TransactionDetails {
  destination_amount: string | null;
  destination_currencies: string[];
  destination_currency: string | null;
  destination_network: string | null;
  destination_networks: string[];
  fees: { network_fee_amount: string; transaction_fee_amount: string } | null;
  lock_wallet_address: boolean;
  settlement_speed: string | null;
  source_amount: string | null;
  source_currency: string | null;
  transaction_id: string | null;
  wallet_address: string | null;
  wallet_addresses: Record<string, unknown> | null;
}

export type OnrampSession = StripeObject & {
  client_secret: string;
  created: number;
  kyc_details_provided: boolean;
  metadata: Record<string, string>;
  redirect_url: string | null;
  status: OnrampStatus;
  transaction_details: TransactionDetails;
};

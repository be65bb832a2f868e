import { isIP } from 'node:net';
import type { EngineCore } from '../../context.js';
import { parameterMissing } from '../../errors.js';
import { NETWORKS, RATES, decimalsOf, isPair, networkKey, pairsOf, parseAmount } from './catalog.js';
import { onrampError } from './errors.js';
import { onrampSettings } from './settings.js';
import { isValidAddress, isValidDestinationTag } from './wallets.js';

/** The create request after its checks: the lists the session offers and its wallet addresses. */
export interface CheckedCreate {
  currencies: string[];
  networks: string[];
  walletAddresses: Record<string, unknown> | null;
}

/**
 * Where the sandbox places a customer IP (the onramp's geography check):
 * documentation ranges stand for customers it cannot serve, everything else is served.
 */
function checkIp(ip: unknown): void {
  if (ip === undefined) return;
  const text = String(ip);
  if (!isIP(text)) throw onrampError('customer_ip_address', `Invalid customer_ip_address: '${text}' is not an IPv4 or IPv6 address.`, 'customer_ip_address');
  if (text.startsWith('192.0.2.') || /^2001:0?db8:/i.test(text)) {
    throw onrampError('crypto_onramp_unsupported_country', 'Based on the customer_ip_address, the customer is in a country the onramp does not support.', 'customer_ip_address');
  }
  if (text.startsWith('198.51.100.')) {
    throw onrampError('crypto_onramp_unsupportable_customer', 'Based on the customer_ip_address, the onramp is unable to support this customer.', 'customer_ip_address');
  }
}

/** The effective lists: what was given, or everything the account supports, each narrowed to the other. */
function listsOf(p: Record<string, any>): { currencies: string[]; networks: string[] } {
  const givenCurrencies: string[] | undefined = p.destination_currencies;
  const givenNetworks: string[] | undefined = p.destination_networks;
  if (givenCurrencies?.length === 0 || givenNetworks?.length === 0) {
    throw onrampError(
      'crypto_onramp_invalid_destination_currencies_and_networks',
      'destination_currencies and destination_networks must be non-empty when set.',
      givenCurrencies?.length === 0 ? 'destination_currencies' : 'destination_networks',
    );
  }
  const currencies = givenCurrencies ?? RATES.default_destination_currencies;
  const networks = givenNetworks ?? RATES.default_destination_networks;
  const pairs = pairsOf(currencies, networks);
  if (pairs.length === 0) {
    throw onrampError(
      'crypto_onramp_invalid_destination_currencies_and_networks',
      `None of destination_currencies (${currencies.join(', ')}) can be delivered on destination_networks (${networks.join(', ')}).`,
      'destination_currencies',
    );
  }
  return {
    currencies: givenCurrencies ?? currencies.filter((c) => pairs.some((x) => x.currency === c)),
    networks: givenNetworks ?? networks.filter((n) => pairs.some((x) => x.network === n)),
  };
}

function checkWallets(p: Record<string, any>, networks: string[]): Record<string, unknown> | null {
  const given: Record<string, any> | undefined = p.wallet_addresses;
  const entries = Object.entries(given ?? {}).filter(([k]) => k !== 'destination_tags');
  if (p.lock_wallet_address === true && entries.length === 0) {
    throw onrampError('crypto_onramp_no_wallet_address_to_lock', 'lock_wallet_address is true, but no wallet_addresses were given to lock.', 'lock_wallet_address');
  }
  if (!given) return null;
  const out: Record<string, unknown> = Object.fromEntries(NETWORKS.map((n) => [networkKey(n), null]));
  for (const [key, address] of entries) {
    const network = key === 'base_network' ? 'base' : key;
    if (!networks.includes(network)) {
      throw onrampError(
        'crypto_onramp_wallet_addresses_not_all_networks_supported',
        `wallet_addresses has an address for ${key}, which is not one of destination_networks (${networks.join(', ')}).`,
        `wallet_addresses[${key}]`,
      );
    }
    if (!isValidAddress(network, String(address))) {
      throw onrampError('crypto_onramp_invalid_wallet_address', `'${String(address)}' is not a valid ${network} address.`, `wallet_addresses[${key}]`);
    }
    out[key] = address;
  }
  const tag = given.destination_tags?.stellar;
  if (tag !== undefined && !isValidDestinationTag(String(tag))) {
    throw onrampError('crypto_onramp_invalid_wallet_address', `'${String(tag)}' is not a valid stellar destination tag.`, 'wallet_addresses[destination_tags][stellar]');
  }
  out.destination_tags = given.destination_tags ? { stellar: given.destination_tags.stellar ?? null } : null;
  return out;
}

function checkCustomer(p: Record<string, any>): void {
  for (const key of ['customer_information', 'kyc_details']) {
    const dob = p[key]?.dob;
    if (!dob) continue;
    for (const part of ['day', 'month', 'year']) if (dob[part] === undefined) throw parameterMissing(`${key}[dob][${part}]`);
  }
}

/**
 * Every create-time check the onramp documents, in its order, each a 400 with
 * its `crypto_onramp_…` code and the param at fault. Nothing is written before
 * they pass.
 */
export function checkCreate(core: EngineCore, p: Record<string, any>): CheckedCreate {
  const settings = onrampSettings(core);
  if (settings.disabled) throw onrampError('crypto_onramp_disabled', 'The onramp is unable to mint new sessions right now because of an incident. Try again later.', undefined, 'api_error');
  if (!settings.merchant_setup) {
    throw onrampError('crypto_onramp_merchant_not_properly_setup', 'This account has no public business name or business website; set them before minting onramp sessions.');
  }
  checkIp(p.customer_ip_address);
  if (p.source_amount !== undefined && p.destination_amount !== undefined) {
    throw onrampError('crypto_onramp_invalid_source_destination_pair', 'source_amount and destination_amount are mutually exclusive: set only one of them.', 'destination_amount');
  }
  if (p.source_amount !== undefined) {
    if (p.source_currency === undefined) throw onrampError('crypto_onramp_missing_source_currency', 'source_amount is set, so source_currency must be set too.', 'source_currency');
    if (!parseAmount(p.source_amount, RATES.source_decimals)) {
      throw onrampError('crypto_onramp_invalid_source_amount', 'source_amount must be a positive amount with no fractions of a cent.', 'source_amount');
    }
  }
  if (p.destination_amount !== undefined) {
    if (p.destination_currency === undefined) throw onrampError('crypto_onramp_missing_destination_currency', 'destination_amount is set, so destination_currency must be set too.', 'destination_currency');
    if (!parseAmount(p.destination_amount, 36)) throw onrampError('crypto_onramp_invalid_destination_amount', 'destination_amount must be a positive amount.', 'destination_amount');
  }
  if ((p.destination_currency === undefined) !== (p.destination_network === undefined)) {
    const missing = p.destination_currency === undefined ? 'destination_currency' : 'destination_network';
    throw onrampError('crypto_onramp_incomplete_destination_currency_and_network_pair', 'destination_currency and destination_network must be set together.', missing);
  }
  const { currencies, networks } = listsOf(p);
  if (p.destination_currency !== undefined) {
    if (p.destination_currencies && !currencies.includes(p.destination_currency)) {
      throw onrampError('crypto_onramp_conflicting_destination_currency', `destination_currency ${p.destination_currency} is not one of destination_currencies.`, 'destination_currency');
    }
    if (p.destination_networks && !networks.includes(p.destination_network)) {
      throw onrampError('crypto_onramp_conflicting_destination_network', `destination_network ${p.destination_network} is not one of destination_networks.`, 'destination_network');
    }
    if (!isPair(p.destination_currency, p.destination_network)) {
      throw onrampError('crypto_onramp_invalid_destination_currency_and_network_pair', `${p.destination_currency} cannot be delivered on ${p.destination_network}.`, 'destination_currency');
    }
    if (p.destination_amount !== undefined && !parseAmount(p.destination_amount, decimalsOf(p.destination_currency))) {
      throw onrampError('crypto_onramp_invalid_destination_amount', `destination_amount has more decimal places than ${p.destination_currency} supports (${decimalsOf(p.destination_currency)}).`, 'destination_amount');
    }
  }
  const walletAddresses = checkWallets(p, networks);
  checkCustomer(p);
  return { currencies, networks, walletAddresses };
}

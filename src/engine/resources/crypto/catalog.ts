import DecimalJs from 'decimal.js';
import table from '../../../../resources/crypto/onramp-rates.json';

/**
 * Decimal arithmetic with room for 18-decimal amounts of large sums (the
 * library's default of 20 significant digits would round them).
 */
export const Decimal = DecimalJs.clone({ precision: 64, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = DecimalJs;

/** The sandbox's rate table (resources/crypto/onramp-rates.json): prices, fees and defaults. */
export const RATES = table as {
  source_decimals: number;
  transaction_fee_rate: string;
  fiat_usd: Record<string, string>;
  crypto: Record<string, { usd: string; decimals: number }>;
  networks: Record<string, Record<string, string>>;
  default_destination_currencies: string[];
  default_destination_networks: string[];
  default_source_amount: string;
  test_wallets: Record<string, string>;
};

export const SOURCE_CURRENCIES = Object.keys(RATES.fiat_usd);
export const DESTINATION_CURRENCIES = Object.keys(RATES.crypto);
export const NETWORKS = Object.keys(RATES.networks);

/** A network's key in `wallet_addresses` and `destination_network_quotes` (Base is `base_network` there). */
export function networkKey(network: string): string {
  return network === 'base' ? 'base_network' : network;
}

/** Whether the sandbox can deliver this currency on this network. */
export function isPair(currency: string, network: string): boolean {
  return RATES.networks[network]?.[currency] !== undefined;
}

/** Every deliverable pair of the two lists, in the lists' order (networks first). */
export function pairsOf(currencies: string[], networks: string[]): { currency: string; network: string }[] {
  return networks.flatMap((network) => currencies.filter((currency) => isPair(currency, network)).map((currency) => ({ currency, network })));
}

/** Decimal places a crypto amount is written with (18 for eth). */
export function decimalsOf(currency: string): number {
  return RATES.crypto[currency].decimals;
}

/** A fiat amount as Stripe writes it: "100.00". */
export function fiat(amount: DecimalJs.Value): string {
  return new Decimal(amount).toFixed(RATES.source_decimals);
}

/** The price of one unit of a crypto currency in a fiat currency, at full precision. */
export function priceIn(currency: string, source: string): Decimal {
  return new Decimal(RATES.crypto[currency].usd).div(RATES.fiat_usd[source]);
}

/** A decimal string that is a positive amount with at most `places` decimals, or null. */
export function parseAmount(text: unknown, places: number): Decimal | null {
  if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) return null;
  const d = new Decimal(text);
  if (d.lte(0) || d.decimalPlaces() > places) return null;
  return d;
}

import { Decimal, RATES, decimalsOf, fiat, priceIn } from './catalog.js';

/** One priced pair: what the customer pays and receives, with both fees, as decimal strings. */
export interface Priced {
  source_amount: string;
  destination_amount: string;
  network_fee: string;
  transaction_fee: string;
  source_total_amount: string;
}

/**
 * Prices a purchase from the rate table: from a fiat amount (the crypto
 * received is rounded down to the currency's precision) or from a crypto
 * amount (the fiat needed is rounded up to the cent). Fees are in the fiat
 * currency: the network's fee for the pair, and the transaction fee rate on
 * the amount. All arithmetic is decimal; no binary floats.
 */
export function price(args: { source: string; currency: string; network: string; sourceAmount?: Decimal; destinationAmount?: Decimal }): Priced {
  const unit = priceIn(args.currency, args.source);
  const places = decimalsOf(args.currency);
  let source: Decimal;
  let destination: Decimal;
  if (args.destinationAmount) {
    destination = args.destinationAmount;
    source = destination.mul(unit).toDecimalPlaces(RATES.source_decimals, Decimal.ROUND_UP);
  } else {
    source = args.sourceAmount ?? new Decimal(RATES.default_source_amount);
    destination = source.div(unit).toDecimalPlaces(places, Decimal.ROUND_DOWN);
  }
  const fx = new Decimal(RATES.fiat_usd[args.source]);
  const networkFee = new Decimal(RATES.networks[args.network][args.currency]).div(fx).toDecimalPlaces(RATES.source_decimals, Decimal.ROUND_HALF_UP);
  const transactionFee = source.mul(RATES.transaction_fee_rate).toDecimalPlaces(RATES.source_decimals, Decimal.ROUND_HALF_UP);
  return {
    source_amount: fiat(source),
    destination_amount: destination.toFixed(places),
    network_fee: fiat(networkFee),
    transaction_fee: fiat(transactionFee),
    source_total_amount: fiat(source.plus(networkFee).plus(transactionFee)),
  };
}

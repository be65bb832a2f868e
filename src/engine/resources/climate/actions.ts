import type { ObjectAction } from '../../context.js';
import type { StripeObject } from '../../store/objects.js';
import { allows } from '../treasury/transitions.js';
import { D, type TonPrice } from './pricing.js';
import { ORDER, type OrderAction } from './transitions.js';

const control = (name: OrderAction, label: string): ObjectAction => ({
  name,
  label,
  available: (o) => allows(ORDER, o, name),
  request: (o: StripeObject) => ({ method: 'POST', path: `/_counterfoil/climate/orders/${o.id}/${name}` }),
});

/**
 * The buttons on a Climate order. Cancel is offered while the machine allows
 * it; past the 24-hour window the API refuses it with Stripe's 400.
 */
export const climateActions: Record<string, ObjectAction[]> = {
  'climate.order': [
    { name: 'cancel', label: 'Cancel', available: (o) => allows(ORDER, o, 'cancel'), request: (o) => ({ method: 'POST', path: `/v1/climate/orders/${o.id}/cancel` }) },
    control('deliver', 'Deliver'),
    control('delay', 'Delay a year'),
    control('substitute', 'Substitute product'),
    control('cancel_by_supplier', 'Cancel by supplier'),
  ],
  'climate.product': [
    {
      name: 'raise_price',
      label: 'Raise price 10 %',
      available: (o) => Object.keys((o.current_prices_per_metric_ton as object) ?? {}).length > 0,
      request: (o) => {
        const [currency, price] = Object.entries(o.current_prices_per_metric_ton as Record<string, TonPrice>)[0];
        const amount_subtotal = new D(price.amount_subtotal).mul('1.1').toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
        return { method: 'POST', path: `/_counterfoil/climate/products/${o.id}/pricing`, body: { currency, amount_subtotal } };
      },
    },
  ],
};

/** Card number checks and brand detection by IIN range (the ranges Stripe's brands use). */

const BRANDS: { brand: string; pattern: RegExp }[] = [
  { brand: 'amex', pattern: /^3[47]/ },
  { brand: 'diners', pattern: /^(30[0-5]|3095|36|3[89])/ },
  { brand: 'jcb', pattern: /^35(2[89]|[3-8])/ },
  { brand: 'visa', pattern: /^4/ },
  { brand: 'mastercard', pattern: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/ },
  // Discover's ranges first: 6011/644-649/65 are Discover, the rest of 62 is UnionPay.
  { brand: 'discover', pattern: /^(6011|64[4-9]|65)/ },
  { brand: 'unionpay', pattern: /^62/ },
];

const DISPLAY_BRANDS: Record<string, string> = {
  amex: 'american_express',
  diners: 'diners_club',
  unionpay: 'union_pay',
  visa: 'visa',
  mastercard: 'mastercard',
  discover: 'discover',
  jcb: 'jcb',
};

/** The brand Stripe reports for a card number (`unknown` when no range matches). */
export function cardBrand(number: string): string {
  return BRANDS.find((b) => b.pattern.test(number))?.brand ?? 'unknown';
}

/** The `display_brand` for a brand. */
export function displayBrand(brand: string): string {
  return DISPLAY_BRANDS[brand] ?? 'other';
}

/** The Luhn checksum every real and test card number passes. */
export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = number.charCodeAt(number.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Strips the spaces and dashes people type into card numbers. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

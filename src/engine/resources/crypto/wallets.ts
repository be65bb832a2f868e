import { createHash } from 'node:crypto';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 (Bitcoin's alphabet) to bytes, or null when a character is outside it. */
export function base58Decode(text: string): Uint8Array | null {
  let n = 0n;
  for (const c of text) {
    const v = B58.indexOf(c);
    if (v < 0) return null;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const c of text) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

/** A legacy or script Bitcoin address (base58check, version 0x00/0x05, or testnet 0x6f/0xc4). */
function isBase58Bitcoin(address: string): boolean {
  if (!/^[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(address)) return false;
  const raw = base58Decode(address);
  if (!raw || raw.length !== 25 || ![0x00, 0x05, 0x6f, 0xc4].includes(raw[0])) return false;
  const check = sha256(sha256(raw.subarray(0, 21))).subarray(0, 4);
  return check.equals(Buffer.from(raw.subarray(21)));
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}

/** A SegWit address (bech32 for v0, bech32m for v1+), mainnet `bc1` or testnet `tb1`. */
function isSegwit(address: string): boolean {
  const lower = address.toLowerCase();
  if (address !== lower && address !== address.toUpperCase()) return false;
  const sep = lower.lastIndexOf('1');
  const hrp = lower.slice(0, sep);
  if ((hrp !== 'bc' && hrp !== 'tb') || lower.length > 90) return false;
  const data = [...lower.slice(sep + 1)].map((c) => BECH32.indexOf(c));
  if (data.length < 7 || data.some((d) => d < 0)) return false;
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const check = polymod([...expanded, ...data]);
  const version = data[0];
  if (check !== (version === 0 ? 1 : 0x2bc830a3)) return false;
  const program = data.length - 7;
  // 5-bit groups of the witness program: 20- or 32-byte programs for v0, 2–40 bytes otherwise.
  const bytes = Math.floor((program * 5) / 8);
  return version === 0 ? bytes === 20 || bytes === 32 : version <= 16 && bytes >= 2 && bytes <= 40;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function crc16xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** A Stellar account id: StrKey `G…` (version byte 6 << 3, 32-byte key, CRC16-XModem). */
function isStellar(address: string): boolean {
  if (!/^G[A-Z2-7]{55}$/.test(address)) return false;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of address) {
    value = (value << 5) | B32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const raw = Uint8Array.from(out);
  if (raw.length !== 35 || raw[0] !== 6 << 3) return false;
  const crc = crc16xmodem(raw.subarray(0, 33));
  return raw[33] === (crc & 0xff) && raw[34] === crc >> 8;
}

const evm = (a: string) => /^0x[0-9a-fA-F]{40}$/.test(a);

/** How each network's addresses are checked. EVM chains share Ethereum's format (EIP-55 case is not checked). */
const CHECKS: Record<string, (address: string) => boolean> = {
  bitcoin: (a) => isBase58Bitcoin(a) || isSegwit(a),
  ethereum: evm,
  base: evm,
  polygon: evm,
  avalanche: evm,
  optimism: evm,
  worldchain: evm,
  celo: evm,
  tempo: evm,
  solana: (a) => /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(a) && base58Decode(a)?.length === 32,
  stellar: isStellar,
  sui: (a) => /^0x[0-9a-fA-F]{64}$/.test(a),
};

/** Whether an address is well-formed for a network (checksums verified where the format has one). */
export function isValidAddress(network: string, address: string): boolean {
  return CHECKS[network]?.(address) ?? false;
}

/** A Stellar destination tag (a memo): a 64-bit id or a short text memo. */
export function isValidDestinationTag(tag: string): boolean {
  return /^\d{1,20}$/.test(tag) ? BigInt(tag) < 2n ** 64n : tag.length > 0 && Buffer.byteLength(tag) <= 28;
}

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Db } from '../../store/db.js';

/**
 * Seals the sandbox's secrets (card numbers, CVCs, account numbers, destination
 * API keys) with AES-256-GCM. The key lives beside the database file, never in
 * it, so a database that is copied, attached to a bug report or opened in a
 * SQLite browser shows no secret in clear. An in-memory database gets a key
 * that dies with the process, as its data does.
 */
export interface SecretBox {
  seal(value: unknown): string;
  open<T>(sealed: string): T;
  /** A stable keyed digest (fingerprints): equal inputs give equal output within one sandbox. */
  digest(value: string): string;
}

const boxes = new WeakMap<Db, SecretBox>();

/** The secret box of a database, creating its key on first use. */
export function secretBox(db: Db): SecretBox {
  let box = boxes.get(db);
  if (!box) {
    box = createBox(db.memory ? randomBytes(32) : loadOrCreateKey(`${db.name}.vault-key`));
    boxes.set(db, box);
  }
  return box;
}

function loadOrCreateKey(path: string): Buffer {
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length === 32) return key;
    throw new Error(`The vault key ${path} is not a 32-byte key; remove it only if you accept losing stored card and bank details.`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  try {
    // 'wx': if another process created it first, use theirs instead of overwriting.
    writeFileSync(path, key.toString('base64'), { flag: 'wx', mode: 0o600 });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(path);
    throw err;
  }
}

function createBox(key: Buffer): SecretBox {
  const fingerprintKey = createHmac('sha256', key).update('fingerprint').digest();
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${body.toString('base64')}`;
    },
    open<T>(sealed: string): T {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1') throw new Error(`unknown sealed format ${version}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as T;
    },
    digest(value) {
      const mac = createHmac('sha256', fingerprintKey).update(value).digest('base64');
      return mac.replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
    },
  };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Secrets at rest (a Slack workspace's installation, tokens inside): AES-256-GCM with a 32-byte key from the
// environment (BREATHER_SECRET_KEY), a fresh 12-byte nonce per seal, and what the secret belongs to (the workspace)
// bound in as associated data, so a sealed value copied onto another workspace's row does not open.
// Sealed form: `v1.<nonce>.<tag>.<ciphertext>`, each part base64url.

const VERSION = 'v1';

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

export function keyFrom(text: string): Buffer {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length !== 32) throw new SecretBoxError('the secret key must be 32 bytes (base64 or hex)');
  return bytes;
}

export function seal(key: Buffer, plaintext: string, boundTo: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The plaintext, or a SecretBoxError when the key is not the one it was sealed with, or the value was altered. */
export function open(key: Buffer, sealed: string, boundTo: string): string {
  const [version, nonce, tag, body] = sealed.split('.');
  if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined) throw new SecretBoxError('not a sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('it does not open with this key (BREATHER_SECRET_KEY changed?) or was altered');
  }
}

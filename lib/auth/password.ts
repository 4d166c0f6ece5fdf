// Password hashing (argon2id, OWASP's minimum: 19 MiB, 2 passes, 1 lane) and the password policy.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

const argon2idOptions = {
  algorithm: 2, // Argon2id (the package's Algorithm is a const enum, unusable under isolatedModules)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const minPasswordLength = 12;

export const passwordInput = z
  .string({ error: 'Enter a password.' })
  .min(minPasswordLength, `Password must be at least ${minPasswordLength} characters.`)
  .max(256, 'Password must be at most 256 characters.');

export async function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

/** False for a wrong password and for a malformed stored hash (never throws on user input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// No look-alikes (0/O, 1/l/I) so a password read off a terminal is typed right the first time.
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from a 56-symbol alphabet: about 116 bits. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

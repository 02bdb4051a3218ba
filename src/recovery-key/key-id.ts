// The Key ID the BitLocker recovery screen shows ("Recovery key ID: 1A2B3C4D…"): the first 8
// characters of the key's id in Entra, or the whole id. Typed by a person, so parsed here.
import { z } from 'zod';

const HEX8 = /^[0-9a-f]{8}$/;
const FULL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower-case hex: 8 characters, or the full id with hyphens. Spaces and braces people copy are dropped. */
export const KeyIdInput = z
  .string()
  .max(64)
  .transform((text) => text.trim().replace(/[{}\s]/g, '').toLowerCase())
  .refine((text) => HEX8.test(text) || FULL.test(text), 'the first 8 characters of the Key ID (0-9, A-F), or the whole Key ID');

export type KeyId = z.output<typeof KeyIdInput>;

/** Whether `id` (an Entra key id) is the key the user's screen names. */
export function keyIdMatches(typed: KeyId, id: string): boolean {
  const wanted = id.toLowerCase();
  return typed.length === 8 ? wanted.startsWith(typed) : wanted === typed;
}

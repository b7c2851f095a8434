/**
 * Where the key lists of complete reads too long to sit in the state are kept, by the SHA-256 of their text: a
 * list is written before the checkpoint that refers to it and removed only after a later checkpoint replaced that
 * reference, so the saved state always names a list that exists. src/state/key-files.ts keeps them beside the
 * state file; `memoryKeyStore` serves runs without one (library use, tests).
 */

export interface KeyStore {
  /** The sorted keys stored under `digest`, or undefined when they are missing or do not match it. */
  read(stream: string, digest: string): Promise<string[] | undefined>;
  write(stream: string, digest: string, keys: readonly string[]): Promise<void>;
  /** Forget a list no checkpoint refers to any more; best effort. */
  remove(stream: string, digest: string): Promise<void>;
}

export function memoryKeyStore(): KeyStore {
  const lists = new Map<string, string[]>();
  return {
    read: async (stream, digest) => lists.get(`${stream}/${digest}`)?.slice(),
    write: async (stream, digest, keys) => void lists.set(`${stream}/${digest}`, [...keys]),
    remove: async (stream, digest) => void lists.delete(`${stream}/${digest}`),
  };
}

/** The text a key list is stored and hashed as: sorted keys, one a line. */
export function keyListText(keys: readonly string[]): string {
  return keys.join("\n");
}

/** SHA-256 of the key list's text, in hex. */
export async function keyListDigest(keys: readonly string[]): Promise<string> {
  const bytes = new TextEncoder().encode(keyListText(keys));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

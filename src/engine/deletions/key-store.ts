/**
 * Where earlier versions kept the key lists of complete reads longer than 1,000 keys, by the SHA-256 of their
 * text (`seen: {count, digest}`): src/state/key-files.ts reads them beside the state file. The keys now travel
 * packed inside the state (complete-read.ts); a list found here is read once more, and removed after the
 * checkpoint that replaced it. `memoryKeyStore` serves runs without a state file (library use, tests).
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

/**
 * A file's digest computed as its bytes go by, whatever the sizes of the pieces: SHA-256 of each 1 MiB block, then
 * SHA-256 of those digests. crypto.subtle has no incremental hash, and hashing the whole file at once would hold
 * it in memory (a 1M-contact Parquet file is hundreds of MB); blocks keep memory at one block.
 *
 * @example
 * const digest = new BlockDigest();
 * await digest.update(bytes);
 * const hex = await digest.hex();
 */
import { runtime } from "../runtime/mod.ts";

const BLOCK_BYTES = 1 << 20;

export class BlockDigest {
  #block = new Uint8Array(BLOCK_BYTES);
  #filled = 0;
  #digests: Uint8Array[] = [];
  #bytes = 0;

  get bytes(): number {
    return this.#bytes;
  }

  async update(bytes: Uint8Array): Promise<void> {
    this.#bytes += bytes.length;
    let offset = 0;
    while (offset < bytes.length) {
      const taken = Math.min(BLOCK_BYTES - this.#filled, bytes.length - offset);
      this.#block.set(bytes.subarray(offset, offset + taken), this.#filled);
      this.#filled += taken;
      offset += taken;
      if (this.#filled === BLOCK_BYTES) await this.#digestBlock();
    }
  }

  async hex(): Promise<string> {
    if (this.#filled > 0) await this.#digestBlock();
    const all = new Uint8Array(this.#digests.length * 32);
    this.#digests.forEach((digest, index) => all.set(digest, index * 32));
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
    return [...hash].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  async #digestBlock(): Promise<void> {
    this.#digests.push(new Uint8Array(await crypto.subtle.digest("SHA-256", this.#block.slice(0, this.#filled))));
    this.#filled = 0;
  }
}

/** The block digest and size of the file at `path`; undefined when there is none. */
export async function fileBlockDigest(path: string): Promise<{ bytes: number; digest: string } | undefined> {
  const file = await runtime.openReadFile(path);
  if (file === undefined) return undefined;
  try {
    const digest = new BlockDigest();
    for (let position = 0; position < file.length; position += BLOCK_BYTES) {
      await digest.update(await file.read(position, Math.min(BLOCK_BYTES, file.length - position)));
    }
    return { bytes: file.length, digest: await digest.hex() };
  } finally {
    await file.close();
  }
}

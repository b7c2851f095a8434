/**
 * Key lists of complete reads as earlier versions kept them (see engine/deletions/key-store.ts), files beside the
 * state file, read once more and then removed (the keys now travel packed inside the state):
 * `<state>.seen-<stream>-<first 16 hex of the digest>`, the sorted keys one a line. A file whose text does not
 * hash to the digest the state names (edited, cut short) is ignored: that run then finds no deletions rather
 * than wrong ones.
 * @example
 * const keys = keyFiles("intercom-sync.state.json"); // companies → intercom-sync.state.json.seen-companies-3fa2…
 */
import { keyListDigest, keyListText, type KeyStore } from "../engine/deletions/key-store.ts";
import { runtime } from "../runtime/mod.ts";

export function keyFiles(statePath: string): KeyStore {
  const pathOf = (stream: string, digest: string) => `${statePath}.seen-${stream}-${digest.slice(0, 16)}`;
  return {
    async read(stream, digest) {
      const text = await runtime.readTextFile(pathOf(stream, digest)).catch(() => undefined);
      if (text === undefined) return undefined;
      const keys = text === "" ? [] : text.split("\n");
      return (await keyListDigest(keys)) === digest ? keys : undefined;
    },
    write: (stream, digest, keys) => runtime.writeFileAtomic(pathOf(stream, digest), keyListText(keys)),
    remove: (stream, digest) => runtime.removeFile(pathOf(stream, digest)).catch(() => {}),
  };
}

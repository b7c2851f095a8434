/**
 * File-permission tests that mean the same as root and as a normal user. Root ignores mode bits, so under root
 * the process under test runs as the unprivileged user `nobody` (util-linux `setpriv`), in a directory handed to
 * it; as a normal user (GitHub's runners) it runs as is. No test is skipped for want of privileges.
 */
import { chownSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** `command`, run as `nobody` under root. */
export function unprivileged(command: readonly string[]): string[] {
  return IS_ROOT ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", ...command] : [...command];
}

/** Under root, give `dir` and everything in it to `nobody`, so the unprivileged process may use it. */
export function handOver(dir: string): void {
  if (!IS_ROOT) return;
  chownSync(dir, NOBODY, NOBODY);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) handOver(path);
    else chownSync(path, NOBODY, NOBODY);
  }
}

/**
 * The state file must be a file of its own: `--state` naming the `--output` file or the `--sqlite` database (in
 * any spelling: `./x.db`, `sub/../x.db`, a symbolic link) would have each overwrite the other. Checked before the
 * lock or any other file is written.
 * @example
 * await refuseStateAsOutput("y.json", [{ flag: "--output", path: "./y.json" }]); // throws ConfigError (exit 2)
 */
import { ConfigError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import { lockPathFor } from "./mod.ts";

export interface OutputPath {
  flag: string;
  /** As given; undefined when the flag was not. */
  path: string | undefined;
}

export async function refuseStateAsOutput(statePath: string, outputs: readonly OutputPath[]): Promise<void> {
  const state = await runtime.absolutePath(statePath);
  const lock = await runtime.absolutePath(lockPathFor(statePath));
  for (const { flag, path } of outputs) {
    if (path === undefined) continue;
    const output = await runtime.absolutePath(path);
    if (output !== state && output !== lock) continue;
    const what = output === state ? "the state file" : "the state file's lock";
    throw new ConfigError(
      `--state ${statePath} and ${flag} ${path} name the same file (${output}): ${what} and the export would ` +
        `overwrite each other. Give the state a file of its own, e.g. --state intercom-sync.state.json. Nothing was written.`,
    );
  }
}

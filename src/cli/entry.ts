/**
 * The binary's entry point. `--version` is answered before the rest of the CLI is loaded, so scripts that
 * probe for the tool pay almost nothing.
 */
import { runtime } from "../runtime/mod.ts";
import { TOOL_VERSION } from "../version.ts";

const args = runtime.args();
if (args.length === 1 && (args[0] === "--version")) {
  await runtime.writeStdout(`${TOOL_VERSION}\n`);
  runtime.exit(0);
}
const { main } = await import("./main.ts");
runtime.exit(await main(args));

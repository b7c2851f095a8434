#!/usr/bin/env bun
/** The intercom-sync command line: parse, dispatch, and turn every failure into a message and an exit code. */
import { message } from "@optique/core/message";
import { run } from "@optique/run";
import { airbyteCommand } from "../protocols/airbyte/command.ts";
import { singerTap } from "../protocols/singer/tap.ts";
import { runtime } from "../runtime/mod.ts";
import { TOOL_VERSION } from "../version.ts";
import { checkCommand } from "./commands/check.ts";
import { demoCommand } from "./commands/demo.ts";
import { stateCommand } from "./commands/state.ts";
import { streamsCommand } from "./commands/streams.ts";
import { syncCommand } from "./commands/sync.ts";
import { EXIT } from "./exit-codes.ts";
import { describeFailure } from "./failure.ts";
import { examples } from "./examples.ts";
import { applyConfigFile } from "./config-file.ts";
import { cliParser, type CliCommand } from "./parser.ts";

const EXAMPLES = examples(
  "export INTERCOM_ACCESS_TOKEN=…",
  "intercom-sync --since 2024-01-01 > intercom.jsonl          # everything updated since 2024, as JSON lines",
  "intercom-sync --sqlite intercom.db                          # into SQLite; run again to fetch only changes",
  "intercom-sync --streams contacts,conversations --region eu  # some streams, EU workspace",
  "intercom-sync demo                                          # try it on a built-in sample workspace",
);

export async function main(commandLine: readonly string[]): Promise<number> {
  const args = [...commandLine];
  const write = (text: string) => void process.stdout.write(text);
  let command: CliCommand;
  try {
    command = run(cliParser, {
      programName: "intercom-sync",
      // No arguments at all means the default command.
      args: args.length === 0 ? ["sync"] : args,
      help: "both",
      version: TOOL_VERSION,
      completion: "both",
      errorExitCode: EXIT.usage,
      brief: message`Export an Intercom workspace (13 streams) to JSON lines or SQLite, incrementally.`,
      footer: EXAMPLES,
      showDefault: true,
      aboveError: "none",
      // Help, --version and parse errors end here instead of exiting, so tests can call main().
      onExit: (code: number) => {
        throw new ParserExit(code);
      },
    }) as CliCommand;
  } catch (error) {
    if (error instanceof ParserExit) return error.code;
    throw error;
  }
  try {
    switch (command.command) {
      case "sync":
        return await syncCommand(await applyConfigFile(command, args));
      case "demo":
        return await demoCommand(command);
      case "check":
        return await checkCommand(command, write);
      case "streams":
        return streamsCommand(command, write);
      case "state":
        return await stateCommand(command, write);
      case "airbyte":
        return await airbyteCommand(command);
      case "singer":
        return await singerTap(command);
    }
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.message) runtime.writeStderr(`error: ${failure.message}\n`);
    return failure.exitCode;
  }
}

class ParserExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

if (import.meta.main) {
  runtime.exit(await main(runtime.args()));
}

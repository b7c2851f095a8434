#!/usr/bin/env bun
/** The intercom-sync command line: parse, dispatch, and turn every failure into a message and an exit code. */
import { lineBreak, message } from "@optique/core/message";
import { run } from "@optique/run";
import { airbyteCommand } from "../protocols/airbyte/command.ts";
import { usageErrorTrace } from "../protocols/airbyte/usage-error.ts";
import { singerCommand } from "./commands/singer.ts";
import { runtime } from "../runtime/mod.ts";
import { TOOL_VERSION } from "../version.ts";
import { CHECK_CONFIG_FIELDS, checkCommand } from "./commands/check.ts";
import { demoCommand } from "./commands/demo.ts";
import { reportsCommand } from "./commands/reports.ts";
import { stateCommand } from "./commands/state.ts";
import { streamsCommand } from "./commands/streams.ts";
import { syncCommand } from "./commands/sync.ts";
import { verifyCommand } from "./commands/verify.ts";
import { EXIT } from "./exit-codes.ts";
import { describeFailure } from "./failure.ts";
import { applyConfigFile, configLogFormat } from "./config-file/read.ts";
import { commandFirst } from "./args/command-first.ts";
import { examples, exitCodeHelp } from "./args/help-footers.ts";
import { createLogger, type Logger } from "./report/logger.ts";
import { type CliCommand, cliParser } from "./args/parser.ts";

const EXAMPLES = examples(
  "export INTERCOM_ACCESS_TOKEN=…",
  "intercom-sync --since 2024-01-01 > intercom.jsonl          # everything updated since 2024, as JSON lines",
  "intercom-sync --sqlite intercom.db                          # into SQLite; run again to fetch only changes",
  "intercom-sync --streams contacts,conversations --region eu  # some streams, EU workspace",
  "intercom-sync demo                                          # try it on a built-in sample workspace",
);

export async function main(commandLine: readonly string[]): Promise<number> {
  // Before anything can fail: with --log-format json, every stderr line is JSON, usage errors included.
  // A --log-format on the command line wins over the config file's.
  let stderr = stderrLogger(commandLine, commandLine.includes("airbyte") ? undefined : await configLogFormat(commandLine));
  const json = stderr.options.format === "json";
  const args = commandFirst(commandLine, cliParser.usage);
  const write = (text: string) => void runtime.writeStdout(text);
  // Airbyte mode answers a refused command line with a TRACE ERROR on stdout too: keep the parser's text for it.
  const airbyte = args[0] === "airbyte";
  let parserError = "";
  const toStderr = json ? (text: string) => stderr.error(text.trim().replace(/^Error: /, "")) : (text: string) => runtime.writeStderr(`${text}\n`);
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
      brief: message`Export an Intercom workspace to JSON lines, a file or SQLite, incrementally.`,
      footer: [...EXAMPLES, lineBreak(), lineBreak(), ...exitCodeHelp()],
      showDefault: true,
      aboveError: "none",
      ...(json || airbyte
        ? {
          colors: false,
          stderr: (text: string) => {
            parserError += text;
            toStderr(text);
          },
        }
        : {}),
      // Help, --version and parse errors end here instead of exiting, so tests can call main().
      onExit: (code: number) => {
        throw new ParserExit(code);
      },
    }) as CliCommand;
  } catch (error) {
    if (error instanceof ParserExit) {
      if (airbyte && error.code !== 0) write(usageErrorTrace(parserError, Date.now()));
      return error.code;
    }
    throw error;
  }
  try {
    switch (command.command) {
      case "sync": {
        const settled = await applyConfigFile(command, args);
        // The config file may have set the log format.
        stderr = createLogger({ format: settled.logFormat, quiet: true, verbose: false });
        return await syncCommand(settled);
      }
      case "demo":
        return await demoCommand(command);
      case "check":
        return await checkCommand(await applyConfigFile(command, args, CHECK_CONFIG_FIELDS), write);
      case "streams":
        return streamsCommand(command, write);
      case "state":
        return await stateCommand(command, write);
      case "reports":
        return await reportsCommand(command, write);
      case "verify":
        return await verifyCommand(command, write);
      case "airbyte":
        return await airbyteCommand(command);
      case "singer":
        return await singerCommand(command);
    }
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.message) stderr.error(failure.message);
    return failure.exitCode;
  }
}

/** Errors only, in the format the command line asks for (`--log-format json` or `--log-format=json`; the last wins). */
function stderrLogger(args: readonly string[], fromConfigFile?: "text" | "json"): Logger {
  let format: "text" | "json" = fromConfigFile ?? "text";
  for (const [index, arg] of args.entries()) {
    const value = arg === "--log-format" ? args[index + 1] : arg.startsWith("--log-format=") ? arg.slice("--log-format=".length) : undefined;
    if (value === "json" || value === "text") format = value;
  }
  return createLogger({ format, quiet: true, verbose: false });
}

class ParserExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

if (import.meta.main) {
  runtime.exit(await main(runtime.args()));
}

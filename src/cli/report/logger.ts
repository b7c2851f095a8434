/** stderr output for people (text) or log collectors (json). stdout never sees any of it. */
import { runtime } from "../../runtime/mod.ts";

export type LogLevel = "error" | "warn" | "info" | "debug";

export interface LoggerOptions {
  format: "text" | "json";
  quiet: boolean;
  verbose: boolean;
  write?: (text: string) => void;
}

export interface Logger {
  readonly options: LoggerOptions;
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? runtime.writeStderr;
  const color = runtime.stderrIsTerminal() && !runtime.env("NO_COLOR") && options.format === "text";
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const shown = (level: LogLevel) => level === "error" || (!options.quiet && (level !== "debug" || options.verbose));
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (!shown(level)) return;
    if (options.format === "json") {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
      return;
    }
    const prefix = level === "error" ? paint("31", "error: ") : level === "warn" ? paint("33", "warning: ") : "";
    write(`${prefix}${message}\n`);
  };
  return {
    options,
    log,
    error: (message, fields) => log("error", message, fields),
    warn: (message, fields) => log("warn", message, fields),
    info: (message, fields) => log("info", message, fields),
    debug: (message, fields) => log("debug", message, fields),
  };
}

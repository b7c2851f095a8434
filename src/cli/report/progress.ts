/**
 * Progress on stderr: in a terminal one live line, redrawn; elsewhere (CI, pipes, files) a plain line every
 * few seconds; with --log-format json, JSON progress objects. Never on stdout.
 */
import type { EngineEvent } from "../../engine/events.ts";
import type { HttpEvent } from "../../http/types.ts";
import { runtime } from "../../runtime/mod.ts";
import type { Logger } from "./logger.ts";

interface StreamProgressView {
  records: number;
  expected?: number;
  state: "running" | "done" | "failed";
}

export interface Progress {
  onEngineEvent(event: EngineEvent): void;
  onHttpEvent(event: HttpEvent): void;
  stop(): void;
}

export interface ProgressOptions {
  intervalMs?: number;
  /** The streams the run will read, so the line counts done streams out of all of them from the start. */
  plannedStreams?: number;
}

export function createProgress(logger: Logger, options: ProgressOptions = {}): Progress {
  const live = runtime.stderrIsTerminal() && logger.options.format === "text" && !logger.options.quiet;
  const streams = new Map<string, StreamProgressView>();
  let waits = 0;
  let lastLineLength = 0;
  const started = Date.now();

  const line = () => {
    const active = [...streams.entries()].filter(([, view]) => view.state === "running");
    const parts = active.map(([name, view]) => `${name} ${view.records}${view.expected ? ` of ~${Math.max(view.expected, view.records)}` : ""}`);
    const done = [...streams.values()].filter((view) => view.state !== "running").length;
    const elapsed = Math.round((Date.now() - started) / 1000);
    const total = Math.max(options.plannedStreams ?? 0, streams.size);
    // No stream starts before the run's first request (GET /me) is answered: "0/0 streams" would say nothing.
    const status = streams.size === 0
      ? `waiting for Intercom's first answer${total ? `; ${total} streams to read` : ""}`
      : `${done}/${total} streams done`;
    return `[${elapsed}s] ${status}${parts.length ? ` · ${parts.join(" · ")}` : ""}${waits ? ` · ${waits} rate-limit waits` : ""}`;
  };
  const draw = () => {
    if (logger.options.quiet) return;
    if (live) {
      const text = line().slice(0, 200);
      runtime.writeStderr(`\r${text}${" ".repeat(Math.max(0, lastLineLength - text.length))}`);
      lastLineLength = text.length;
    } else if (logger.options.format === "json") {
      logger.info("progress", {
        event: "progress",
        streams: Object.fromEntries([...streams.entries()].map(([name, view]) => [name, view])),
      });
    } else {
      logger.info(line());
    }
  };
  const clear = () => {
    if (live && lastLineLength > 0) runtime.writeStderr(`\r${" ".repeat(lastLineLength)}\r`);
    lastLineLength = 0;
  };
  const timer = setInterval(draw, options.intervalMs ?? (live ? 200 : 5000));
  // Progress must never keep the process alive on its own.
  (timer as { unref?: () => void }).unref?.();

  const say = (write: () => void) => {
    clear();
    write();
  };

  return {
    onEngineEvent(event) {
      switch (event.kind) {
        case "stream-start":
          streams.set(event.stream, { records: 0, state: "running" });
          break;
        case "page": {
          const view = streams.get(event.stream);
          if (view) {
            view.records = event.totalRecords;
            if (event.expected !== undefined) view.expected = event.expected;
          }
          break;
        }
        case "estimate":
          say(() => logger.info(event.message, { stream: event.stream, event: "estimate", requests: event.requests, seconds: event.seconds }));
          break;
        case "warning":
          say(() => logger.warn(`${event.stream}: ${event.message}`, { stream: event.stream }));
          break;
        case "skipped":
          say(() => logger.debug(`${event.stream}: ${event.message}`, { stream: event.stream, event: "skipped" }));
          break;
        case "stream-done":
          streams.set(event.stream, { ...streams.get(event.stream), records: event.records, state: "done" });
          break;
        case "stream-failed":
          streams.set(event.stream, { records: streams.get(event.stream)?.records ?? 0, state: "failed" });
          break;
      }
    },
    onHttpEvent(event) {
      if (event.kind === "rate-limit-wait" || event.kind === "rate-limited") waits++;
      say(() => logger.debug(event.message, { stream: event.stream, kind: event.kind, status: event.status }));
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}

/** What the engine tells the outside world while it runs: progress displays and logs listen to these. */
export type EngineEvent =
  | { kind: "stream-start"; stream: string }
  | { kind: "page"; stream: string; records: number; totalRecords: number; expected?: number }
  | { kind: "warning"; stream: string; message: string }
  | { kind: "skipped"; stream: string; message: string }
  | { kind: "stream-done"; stream: string; records: number }
  | { kind: "stream-failed"; stream: string; error: Error }
  /** Before an opt-in stream starts: the requests it will make and their time at the rate limit (estimate.ts). */
  | { kind: "estimate"; stream: string; requests: number; seconds: number; message: string };

export type EngineEventListener = (event: EngineEvent) => void;

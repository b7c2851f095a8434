/**
 * Where `verify --repair` writes: the output's own sink, so each output keeps its guarantees.
 * - `--sqlite`: the SQLite sink without run state: every batch one transaction, `_state` and its cursors untouched.
 * - `--output`: only with the state file that records it (`--state`), under that file's lock, checked as a sync
 *   checks it (output-binding.ts) and cut back to the length the state records (bytes past it are a killed
 *   run's, which the next sync would cut anyway), batches appended through the file sink, and the new length
 *   recorded in the state, so the next sync continues after the repairs instead of cutting them away.
 * - `--parquet`/`--csv`: the staging database as `--sqlite`, then the files of the repaired streams written again
 *   and put in place together (sinks/snapshot-publish.ts) before verify compares.
 * Either way the workspace the output was written from must be the one the token reaches.
 */
import { ConfigError } from "../errors.ts";
import { streamInfo } from "../engine/run-sync.ts";
import { runtime } from "../runtime/mod.ts";
import type { AppendFile } from "../runtime/types.ts";
import { schemasFor } from "../streams/schemas.ts";
import type { ApiVersion } from "../api-versions.ts";
import { createJsonlFileSink } from "../sinks/jsonl-file.ts";
import { snapshotDatabaseRole, type SnapshotFormat, stagingDatabasePath } from "../sinks/snapshot-paths.ts";
import { watchStagingChanges } from "../sinks/snapshot-changes.ts";
import { publishSnapshots } from "../sinks/snapshot-publish.ts";
import { createSqliteSink } from "../sinks/sqlite.ts";
import { type DatabaseRole } from "../sinks/sqlite-error.ts";
import { readDatabaseContents } from "../sinks/sqlite-state.ts";
import type { Sink, StreamInfo } from "../sinks/types.ts";
import { acquireLock, describeWorkspace, loadState, type Lock, sameWorkspace, saveState, type SyncState } from "../state/mod.ts";
import type { StreamDefinition } from "../streams/types.ts";
import { tailDigest } from "../sinks/output-identity.ts";
import { TOOL_VERSION } from "../version.ts";
import { bindOutputFile } from "../state/output-binding.ts";
import { refuseStateAsOutput } from "../state/state-path-check.ts";

export interface RepairTarget {
  /** Refuse an output written from another workspace than the one reached. */
  checkWorkspace(reached: { baseUrl: string; appId?: string }): void;
  /** The sink, opened for `streams`. */
  open(streams: readonly StreamDefinition[], version: ApiVersion): Promise<Sink>;
  /** Make the repairs visible where verify reads them, before it compares (a snapshot directory's files). */
  publish?(): Promise<void>;
  /** Close the sink, record the file's new length, release the lock. */
  close(): Promise<void>;
}

/** `named`, `role`: the output as messages name it (a snapshot directory's staging database by its directory and flag). */
export async function sqliteRepairTarget(path: string, named = `The database ${path}`, role?: DatabaseRole): Promise<RepairTarget> {
  const contents = await readDatabaseContents(path);
  const workspace = contents.kind === "stateful" ? (contents.state as SyncState | null)?.workspace : undefined;
  let sink: Sink | undefined;
  return {
    checkWorkspace(reached) {
      if (workspace && !sameWorkspace(workspace, reached)) {
        throw new ConfigError(
          `${named} holds ${describeWorkspace(workspace)}, but the token reaches ${describeWorkspace(reached)}: nothing was repaired.`,
        );
      }
    },
    async open(streams, version) {
      const schemas = schemasFor(version);
      sink = createSqliteSink(path, role ? { role } : {});
      await sink.open(streams.map((stream) => streamInfo(stream, schemas)));
      return sink;
    },
    async close() {
      await sink?.close();
    },
  };
}

/** A `--parquet`/`--csv` directory: its staging database repaired as --sqlite, then its changed files published. */
export async function snapshotRepairTarget(dir: string, format: SnapshotFormat): Promise<RepairTarget> {
  // Opening would create an empty staging database: a mistyped path must say so instead of repairing into nothing.
  if (!(await runtime.fileExists(stagingDatabasePath(dir)))) {
    throw new ConfigError(`${dir} is not a directory a --${format} sync wrote (it has no _staging.sqlite): pass the --${format} directory of a sync`);
  }
  const staging = await sqliteRepairTarget(stagingDatabasePath(dir), `The --${format} directory ${dir}`, snapshotDatabaseRole(format));
  let infos: StreamInfo[] = [];
  let published = false;
  const publish = async () => {
    if (published || infos.length === 0) return;
    published = true;
    await staging.close();
    await publishSnapshots(dir, format, infos);
  };
  return {
    checkWorkspace: (reached) => staging.checkWorkspace(reached),
    async open(streams, version) {
      const schemas = schemasFor(version);
      infos = streams.map((stream) => streamInfo(stream, schemas));
      const sink = await staging.open(streams, version);
      await watchStagingChanges(dir, infos.map((info) => info.name));
      return sink;
    },
    publish,
    async close() {
      if (!published) await staging.close();
    },
  };
}

/**
 * Takes the state file's lock at once: call before reading the file, so no sync appends meanwhile. The state must
 * record this very file: repairs it did not record would be cut off by the next sync, or never counted.
 */
export async function fileRepairTarget(output: string, statePath: string): Promise<RepairTarget> {
  await refuseStateAsOutput(statePath, [{ flag: "--output", path: output }]);
  // Binding would create a missing file: a mistyped path must say so instead of repairing into a new file.
  if (!(await runtime.fileExists(output))) throw new ConfigError(`no file at ${output}: pass the --output file a sync wrote`);
  const lock: Lock = await acquireLock(statePath, { host: runtime.hostname() });
  let file: AppendFile | undefined;
  try {
    const saved = await loadState(statePath, undefined);
    await refuseUnrecorded(output, statePath, saved);
    const binding = await bindOutputFile({ statePath, saved, output, fullRefresh: false, otherTarget: "stdout" });
    file = binding.file!;
    const path = binding.path!;
    // Bytes a killed sync left past the recorded length: the next sync would cut them anyway.
    if (file.length > binding.start) await file.truncate(binding.start);
    let length = file.length;
    let sink: Sink | undefined;
    let marked = false;
    const opened = file;
    return {
      checkWorkspace(reached) {
        if (saved && !sameWorkspace(saved.workspace, reached)) {
          throw new ConfigError(
            `The state file ${statePath} (of ${output}) describes ${describeWorkspace(saved.workspace)}, but the token reaches ` +
              `${describeWorkspace(reached)}: nothing was repaired.`,
          );
        }
      },
      async open() {
        // Until close() records the new length the state says a run is under way, so lines a killed repair
        // appended are a killed run's, which the next sync cuts, not a stranger's that it must refuse.
        const lastRun = saved!.lastRun ?? { startedAt: Math.floor(Date.now() / 1000), toolVersion: TOOL_VERSION };
        await saveState(statePath, { ...saved!, lastRun: { ...lastRun, outcome: "running" } });
        marked = true;
        sink = createJsonlFileSink(opened, { onAppended: (appended) => (length = appended) });
        return sink;
      },
      async close() {
        try {
          await sink?.close();
          // Recorded only once on disk: a saved length never exceeds what the file holds. The last run as it was.
          if (marked || length !== saved!.output!.length || saved!.output!.tail === undefined || saved!.output!.path !== path) {
            await opened.sync();
            await saveState(statePath, { ...saved!, output: { path, length, tail: await tailDigest(opened, length) } });
          }
        } finally {
          await opened.close();
          await lock.release();
        }
      },
    };
  } catch (error) {
    await file?.close();
    await lock.release();
    throw error;
  }
}

/** A state that records no --output file, or another one, cannot carry the repairs' length: refused with the fix. */
async function refuseUnrecorded(output: string, statePath: string, saved: SyncState | undefined): Promise<void> {
  const recorded = saved?.output && (await runtime.absolutePath(saved.output.path));
  if (recorded === (await runtime.absolutePath(output))) return;
  const what = saved === undefined ? "does not exist" : recorded === undefined ? "records no --output file" : `records the output file ${recorded}`;
  throw new ConfigError(
    `--repair appends to ${output} and records its new length in the state file of the syncs that write it, but ` +
      `the state file ${statePath} ${what}. Pass that state file with --state (the sync's own --state). Nothing ` +
      "was repaired.",
  );
}

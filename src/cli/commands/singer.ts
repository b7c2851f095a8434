/** `intercom-sync singer`: the Singer tap (src/protocols/singer/tap.ts), logging and showing progress as every command does. */
import { type SingerCommand, singerTap } from "../../protocols/singer/tap.ts";
import { createLogger } from "../report/logger.ts";
import { reportRun, runWithProgress } from "../report/run-with-progress.ts";

export async function singerCommand(options: SingerCommand): Promise<number> {
  const logger = createLogger({ format: "text", quiet: false, verbose: false });
  return singerTap(options, {
    logger,
    run: async (settings, parts) => reportRun(await runWithProgress(settings, logger, parts), logger),
  });
}

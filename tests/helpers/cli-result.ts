/** What a CLI run leaves to look at, whether it ran as a child process or in-process. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

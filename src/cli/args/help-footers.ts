/** The footers of --help: examples, and every exit code with its meaning (the README's table says the same). */
import { lineBreak, type Message, text } from "@optique/core/message";
import { EXIT } from "../exit-codes.ts";

export const EXIT_CODE_MEANINGS: readonly (readonly [code: number, meaning: string])[] = [
  [EXIT.ok, "every selected stream synced"],
  [EXIT.failure, "unexpected failure (Intercom or the network kept failing, every stream failed)"],
  [EXIT.usage, "usage or configuration error: bad flag, URL or file, state locked by another run"],
  [EXIT.auth, "authentication or permission: token invalid or revoked, permission missing"],
  [EXIT.partial, "partial: some streams failed, the others synced and saved their state"],
  [EXIT.timeLimit, "stopped at the --max-duration time limit; everything written is saved, run again to continue"],
  [EXIT.differences, "verify found differences between the output and Intercom"],
  [EXIT.interrupted, "interrupted (Ctrl-C, SIGINT); everything written is saved"],
  [EXIT.terminated, "terminated (SIGTERM); everything written is saved"],
];

export function exitCodeHelp(): Message {
  return footer("Exit codes:", EXIT_CODE_MEANINGS.map(([code, meaning]) => `${String(code).padEnd(4)}${meaning}`));
}

/** Example lines for --help footers. */
export function examples(...lines: string[]): Message {
  return footer("Examples:", lines);
}

/** A titled block of indented lines, kept as separate lines (optique's message template would join them). */
function footer(title: string, lines: readonly string[]): Message {
  return [title, ...lines.map((line) => `  ${line}`)].flatMap((line, index) => (index === 0 ? [text(line)] : [lineBreak(), text(line)]));
}

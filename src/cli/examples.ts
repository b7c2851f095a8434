/** Example lines for --help footers, kept as separate lines (optique's message template would join them). */
import { lineBreak, type Message, text } from "@optique/core/message";

export function examples(...lines: string[]): Message {
  return ["Examples:", ...lines.map((line) => `  ${line}`)].flatMap((line, index) => index === 0 ? [text(line)] : [lineBreak(), text(line)]);
}

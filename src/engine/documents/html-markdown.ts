/**
 * Intercom's HTML bodies (messages, notes, articles) as markdown, by node-html-markdown: a parser, not regexes, so
 * links, lists, code and entities come out right. Pure JS on node-html-parser: the same under Bun, Deno and in the
 * compiled binary. Images become links (`[image: alt](src)`): a transcript is read as text, and an embedding of
 * `![…]` would be the same for every picture. A rule (`<hr>`) becomes `* * *`, never `---`: a line `---` is the
 * transcripts' message boundary, and only that.
 * @example htmlToMarkdown('<p>See <a href="https://x.io">docs</a></p>'); // "See [docs](https://x.io)"
 */
import { NodeHtmlMarkdown, type TranslatorConfigObject } from "node-html-markdown";

const translators: TranslatorConfigObject = {
  hr: { content: "* * *", recurse: false, surroundingNewlines: 2 },
  img: ({ node }) => {
    const src = node.getAttribute("src") ?? "";
    const alt = (node.getAttribute("alt") ?? "").trim() || "image";
    return { content: src === "" ? "" : `[image: ${alt}](${src})`, recurse: false };
  },
};

const converter = new NodeHtmlMarkdown({ bulletMarker: "-", keepDataImages: false }, translators);

export function htmlToMarkdown(html: string | null | undefined): string {
  if (html === null || html === undefined || html.trim() === "") return "";
  return converter.translate(html).trim();
}

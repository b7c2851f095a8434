/** RFC 4180 fields: quoted only when they must be, quotes doubled, NULL empty, timestamps ISO 8601 UTC. */
import { expect, test } from "bun:test";
import { csvLine } from "../../src/sinks/csv-snapshot.ts";

test("a field with a comma, a quote, CR or LF is quoted with its quotes doubled; others are as they are", () => {
  expect(csvLine(["plain", 'say "hi"', "a,b", "two\nlines", "cr\r", ""])).toBe('plain,"say ""hi""","a,b","two\nlines","cr\r",\r\n');
});

test("NULL is an empty field, booleans and numbers as text, bigints exact, timestamps ISO 8601 UTC", () => {
  expect(csvLine([null, true, false, 1.5, 9007199254740993n, new Date(1734537460000)])).toBe(
    ",true,false,1.5,9007199254740993,2024-12-18T15:57:40.000Z\r\n",
  );
});

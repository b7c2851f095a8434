import { describe, expect, test } from "bun:test";
import { cut, redact, redactedStart } from "../../src/http/format.ts";

const SECRET = "dG9rOjU1ZTdmMDQ4X2I0ZGFfNDVhNF85OTk3";

describe("redact", () => {
  test("removes every whole occurrence", () => {
    expect(redact(`a ${SECRET} b ${SECRET}`, SECRET)).toBe("a [redacted] b [redacted]");
  });

  test("removes a piece of 8 characters or more, as a proxy that cuts headers short would echo", () => {
    expect(redact(`Authorization: Bearer ${SECRET.slice(0, 12)}…`, SECRET)).toBe("Authorization: Bearer [redacted]…");
    expect(redact(`tail ${SECRET.slice(-9)}`, SECRET)).toBe("tail [redacted]");
  });

  test("leaves shorter coincidences and unrelated text alone", () => {
    expect(redact(`x ${SECRET.slice(3, 10)} y`, SECRET)).toBe(`x ${SECRET.slice(3, 10)} y`);
    expect(redact("nothing to see", SECRET)).toBe("nothing to see");
  });

  test("a secret shorter than 8 characters is removed where it occurs whole", () => {
    expect(redact("key=abc; abc", "abc")).toBe("key=[redacted]; [redacted]");
  });
});

describe("redactedStart", () => {
  test("redacts before cutting, so a token split by the cut leaves nothing behind", () => {
    const text = `${"x".repeat(30)}${SECRET} and more`;
    // Cut first, the 6 characters left are too few to recognise as the token's, and would leak.
    expect(redact(text.slice(0, 36), SECRET)).toEndWith(SECRET.slice(0, 6));
    expect(redactedStart(text, 36, SECRET)).toBe(`${"x".repeat(30)}[redacted]`);
  });

  test("text shorter than the limit comes back whole, redacted", () => {
    expect(redactedStart(`hi ${SECRET}`, 40, SECRET)).toBe("hi [redacted]");
  });
});

describe("cut", () => {
  test("keeps a [redacted] marker whole when the limit falls inside it", () => {
    expect(cut("abc [redacted] def", 7)).toBe("abc [redacted]");
    expect(cut("abc [redacted] def", 3)).toBe("abc");
    expect(cut("abc [redacted] def", 16)).toBe("abc [redacted] d");
  });
});

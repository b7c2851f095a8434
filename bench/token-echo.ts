/**
 * What refusing an answer that holds the access token costs (issue 21): the client searches every 2xx body for the
 * token before it parses it. Times that search and JSON.parse on a ~1 MB page of contact-like records, and prints
 * both per body and the search as a share of the parse. A measurement, not a test: nothing here can fail.
 * @example
 * bun bench/token-echo.ts      # bodyHoldsToken: 0.108 ms per 1 MB body … search / parse = 1.9%
 */
import { bodyHoldsToken } from "../src/http/token-echo.ts";

const TOKEN = "dG9rOjU1ZTdmMDQ4X2I0ZGFfNDVhNF85OTk3XzFkOWE4ZWQ1OTI5ZToxOjA=";
const RECORD = {
  type: "contact",
  id: "65f1a2b3c4d5e6f7a8b9c0d1",
  email: "someone@example.com",
  name: "Some Person",
  custom_attributes: { plan: "pro", seats: 12 },
  tags: { data: [{ id: "123", type: "tag" }] },
  updated_at: 1719000000,
};
const ROUNDS = 200;

const records: unknown[] = [];
let body = "";
while (body.length < 1_000_000) {
  records.push(RECORD);
  body = JSON.stringify({ type: "list", data: records });
}

/** Mean milliseconds per call, after a warm-up. */
function time(name: string, run: () => unknown): number {
  for (let i = 0; i < 20; i++) run();
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) run();
  const ms = (performance.now() - start) / ROUNDS;
  console.log(`${name}: ${ms.toFixed(3)} ms per ${(body.length / 1e6).toFixed(1)} MB body`);
  return ms;
}

const search = time("bodyHoldsToken", () => bodyHoldsToken(body, TOKEN));
const parse = time("JSON.parse", () => JSON.parse(body));
console.log(`search / parse = ${((100 * search) / parse).toFixed(1)}%`);

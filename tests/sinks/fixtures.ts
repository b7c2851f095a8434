/** Small streams for the sink tests; schemas are built here, not read from schemas/. */
import { runtime } from "../../src/runtime/mod.ts";
import type { StreamInfo } from "../../src/sinks/types.ts";

export const contactsStream: StreamInfo = {
  name: "contacts",
  primaryKey: ["id"],
  cursorField: "updated_at",
  schema: {
    type: "object",
    properties: {
      id: { type: "string" },
      updated_at: { type: "integer" },
      email: { type: ["string", "null"] },
      has_hard_bounced: { type: ["boolean", "null"] },
      score: { type: ["number", "null"] },
      location: { type: ["object", "null"], properties: { city: { type: ["string", "null"] } } },
      tags: { type: ["array", "null"], items: { type: "string" } },
    },
  },
};

export const companySegmentsStream: StreamInfo = {
  name: "company_segments",
  primaryKey: ["company_id", "id"],
  schema: {
    type: "object",
    properties: {
      company_id: { type: "string" },
      id: { type: "string" },
      name: { type: ["string", "null"] },
    },
  },
};

/** Read back through the same runtime module the sink uses, on a separate connection. */
export async function query(path: string, sql: string, ...params: (string | number)[]) {
  const db = await runtime.openSqlite(path);
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

/** A fixed clock: 2024-01-02T03:04:05Z. */
export const FIXED_MS = 1_704_164_645_000;
export const fixedClock = () => FIXED_MS;

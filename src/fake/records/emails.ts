/** The workspace's sender email addresses, with their verification and forwarding. Modelled on the email_setting example of the 2.16 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "email_setting",
  id: "1",
  email: "support@company.com",
  verified: true,
  domain: "company.com",
  brand_id: "1",
  forwarding_enabled: true,
  forwarded_email_last_received_at: 1710498600,
  created_at: 1692530400,
  updated_at: 1710498600,
};

export function emailSetting(ctx: GenContext, i: number): Rec {
  const record = exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.emailSetting, kind: KIND.emailSetting });
  record.email = i === 0 ? "support@company.com" : `team${i + 1}@company.com`;
  return record;
}

/** The workspace's sender email addresses, with their verification and forwarding. From API 2.16 on. */
import { PERMISSION } from "../permissions.ts";
import { emailSetting } from "../records/emails.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const emails: FakeResource = {
  records: { emails: (ws) => range(ws.ctx.sizes.emails, (i) => emailSetting(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/emails",
      permission: PERMISSION.admins,
      since: "2.16",
      handle: ({ ws }) => {
        const records = ws.listOf("emails");
        return json({ type: "list", data: records });
      },
    },
  ],
  sizes: { emails: 2 },
};

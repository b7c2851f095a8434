/**
 * The links embedded in a conversation or a ticket (`linked_objects`), as a stream of their own: one record per
 * (parent, linked object), taken from the parent's pass with no request. The two streams differ only in their parent.
 */
import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

type LinkParent = "conversations" | "tickets";

export function linkedObjectsStream<P extends LinkParent>(parent: P, extraNote = "") {
  const one = parent === "conversations" ? "conversation" : "ticket";
  const other = parent === "conversations" ? "Tickets and conversations" : "Conversations and tickets";
  return defineStream({
    name: `${one}_linked_objects` as const,
    description: `${other} linked to each ${one} updated since the cursor, one record per (${one}, linked object).`,
    permission: parent === "conversations" ? PERMISSIONS.conversations : PERMISSIONS.tickets,
    primaryKey: [`${one}_id`, "type", "id"],
    cursorField: `${one}_updated_at`,
    read: {
      kind: "embedded",
      parent,
      field: ["linked_objects", "data"],
      copy: { [`${one}_id`]: "id", [`${one}_updated_at`]: "updated_at" },
    },
    schema: {
      component: "linked_object",
      addedFields: {
        [`${one}_id`]: { type: "string", description: `The id of the ${one} the object is linked to (added by intercom-sync).` },
        [`${one}_updated_at`]: {
          type: "integer",
          format: "unix-time",
          description: `The ${one}'s updated_at when its links were read: the row is as of then (added by intercom-sync).`,
        },
      },
      note: "A linked conversation and a linked ticket can share an id, so the key names the type too.",
    },
    notes: `Taken from each ${one}'s embedded \`linked_objects\` on the ${parent} pass: no request of its own${extraNote}. ` +
      `Intercom embeds up to 1,000 links; a ${one} whose list says has_more is warned about, and its rows are kept as ` +
      `read. A link removed: SQLite marks its row \`_deleted_at\` (the ${one}'s new updated_at); the other outputs ` +
      `keep each ${one}'s rows with its greatest ${one}_updated_at, and a ${one} with no links left gets a deletion ` +
      `naming only the ${one}.`,
  });
}

import { linkedObjectsStream } from "./linked-objects.ts";

export const ticketLinkedObjects = linkedObjectsStream("tickets", " (`/tickets/{id}/linked_conversations` only links, by POST)");

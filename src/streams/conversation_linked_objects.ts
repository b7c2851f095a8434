import { linkedObjectsStream } from "./linked-objects.ts";

export const conversationLinkedObjects = linkedObjectsStream("conversations");

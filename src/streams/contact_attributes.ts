import { dataAttributeStream } from "./data-attributes.ts";

export const contactAttributes = dataAttributeStream("contact_attributes", "contact");

import { dataAttributeStream } from "./data-attributes.ts";

export const companyAttributes = dataAttributeStream("company_attributes", "company");

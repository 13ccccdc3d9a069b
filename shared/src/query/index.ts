export * from "./keys";
export * from "./options";

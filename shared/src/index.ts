export * from "./api";
export * from "./errors";
export * from "./query";
export * from "./schemas";

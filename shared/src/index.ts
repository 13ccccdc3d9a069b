export * from "./api";
export * from "./errors";
export * from "./providers";
export * from "./query";
export * from "./schemas";
export * from "./wizard";

export * from "./form";
export * from "./steps";

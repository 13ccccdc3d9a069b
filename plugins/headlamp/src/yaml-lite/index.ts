export { parse } from "./parse";
export { type StringifyOptions, stringify } from "./stringify";

/**
 * PATCH bodies (kube-api.md §6): RFC 7386 merge patch, RFC 6902 JSON patch, and strategic merge
 * patch (list merge keys for the common built-in lists, see strategic-merge.ts).
 */

import { badRequest, StatusError } from "./errors";
import { strategicMerge } from "./strategic-merge";
import type { PatchType } from "./types";

type Json = unknown;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Applies `patch` of `type` to a deep copy of `target` and returns the result. */
export function applyPatch(target: Json, type: PatchType, patch: Json): Json {
  switch (type) {
    case "merge":
      return mergePatch(target, patch);
    case "strategic":
      return strategicMerge(target, patch);
    case "json":
      return jsonPatch(target, patch);
  }
}

/** RFC 7386: objects merge recursively, `null` deletes, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function invalidPatch(message: string): StatusError {
  return new StatusError({ message, reason: "Invalid", code: 422 });
}

function decodePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw badRequest(`error decoding patch: invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** RFC 6902 with add/remove/replace/move/copy/test. A failing op → 422, malformed patch → 400. */
export function jsonPatch(target: Json, patch: Json): Json {
  if (!Array.isArray(patch)) throw badRequest("error decoding patch: json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc: Json = structuredClone(target);
  for (const op of patch) {
    if (!isObject(op) || typeof op["op"] !== "string" || typeof op["path"] !== "string") {
      throw badRequest("error decoding patch: invalid JSON patch operation");
    }
    const path = decodePointer(op["path"]);
    switch (op["op"]) {
      case "add":
        doc = setAt(doc, path, structuredClone(op["value"]), "add");
        break;
      case "replace":
        getAt(doc, path, op["path"]);
        doc = setAt(doc, path, structuredClone(op["value"]), "replace");
        break;
      case "remove":
        getAt(doc, path, op["path"]);
        doc = removeAt(doc, path);
        break;
      case "move": {
        const from = decodePointer(String(op["from"] ?? ""));
        const value = getAt(doc, from, String(op["from"]));
        doc = setAt(removeAt(doc, from), path, value, "add");
        break;
      }
      case "copy": {
        const from = decodePointer(String(op["from"] ?? ""));
        doc = setAt(doc, path, structuredClone(getAt(doc, from, String(op["from"]))), "add");
        break;
      }
      case "test": {
        const actual = getAt(doc, path, op["path"]);
        if (JSON.stringify(actual) !== JSON.stringify(op["value"])) {
          throw invalidPatch(`the server rejected our request due to an error in our request: testing value ${op["path"]} failed`);
        }
        break;
      }
      default:
        throw badRequest(`error decoding patch: Unexpected kind: ${String(op["op"])}`);
    }
  }
  return doc;
}

function getAt(doc: Json, path: string[], raw: string): Json {
  let current: Json = doc;
  for (const key of path) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current) && Object.hasOwn(current, key)) current = current[key];
    else current = undefined;
    if (current === undefined)
      throw invalidPatch(`the server rejected our request due to an error in our request: doc is missing path: "${raw}"`);
  }
  return current;
}

function setAt(doc: Json, path: string[], value: Json, mode: "add" | "replace"): Json {
  if (path.length === 0) return value;
  const parent = getAt(doc, path.slice(0, -1), `/${path.slice(0, -1).join("/")}`);
  const key = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    const index = key === "-" ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw invalidPatch(`the server rejected our request due to an error in our request: index out of range: ${key}`);
    }
    if (mode === "add") parent.splice(index, 0, value);
    else parent[index] = value;
  } else if (isObject(parent)) parent[key] = value;
  else throw invalidPatch(`the server rejected our request due to an error in our request: doc is missing path: "/${path.join("/")}"`);
  return doc;
}

function removeAt(doc: Json, path: string[]): Json {
  if (path.length === 0) return undefined;
  const parent = getAt(doc, path.slice(0, -1), `/${path.slice(0, -1).join("/")}`);
  const key = path[path.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (isObject(parent)) delete parent[key];
  return doc;
}

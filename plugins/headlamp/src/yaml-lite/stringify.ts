/**
 * A small YAML emitter that writes JSON-like data exactly as `yaml` 2.x does with its defaults
 * (block style, 2-space indent, indented sequences, core-schema quoting, literal block scalars).
 * The plugin build aliases `yaml` to this module to stay inside Headlamp's plugin size budget;
 * the yaml-lite tests hold it byte-for-byte to the real library on the shared manifests.
 * Not emulated: folding of long flow scalars that contain spaces (the output is still valid YAML).
 */

export interface StringifyOptions {
  /** Like `yaml`'s: 0 disables the width check for block scalars. Default 80. */
  lineWidth?: number;
}

const CORE_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOC_MARKER = /^(%|---|\.\.\.)/m;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
const entries = (m: Record<string, unknown>) => Object.entries(m).filter(([, v]) => v !== undefined && typeof v !== "function");

function quoted(s: string, indent: string): string {
  const hasDouble = s.includes('"');
  const hasSingle = s.includes("'");
  if (hasDouble && !hasSingle && !/[ \t]\n|\n[ \t]/.test(s)) {
    return `'${s.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`)}'`;
  }
  return JSON.stringify(s);
}

function overLimit(s: string, lineWidth: number, indentLength: number): boolean {
  if (!lineWidth || lineWidth < 0) return false;
  const limit = lineWidth - indentLength;
  if (s.length <= limit) return false;
  for (let i = 0, start = 0; i < s.length; ++i) {
    if (s[i] === "\n") {
      if (i - start > limit) return true;
      start = i + 1;
      if (s.length - start <= limit) return false;
    }
  }
  return true;
}

function blockString(value: string, indent: string, lineWidth: number): string {
  if (/\n[\t ]+$/.test(value) || overLimit(value, lineWidth, indent.length)) return quoted(value, indent);
  let endStart = value.length;
  while (endStart > 0 && /[\n\t ]/.test(value[endStart - 1] ?? "")) endStart--;
  let end = value.substring(endStart);
  const endNl = end.indexOf("\n");
  const chomp = endNl === -1 ? "-" : value === end || endNl !== end.length - 1 ? "+" : "";
  if (end) {
    value = value.slice(0, -end.length);
    if (end.endsWith("\n")) end = end.slice(0, -1);
    end = end.replace(/\n+(?!\n|$)/g, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNl = -1;
  for (; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === " ") startWithSpace = true;
    else if (ch === "\n") startNl = startEnd;
    else break;
  }
  let start = value.substring(0, startNl < startEnd ? startNl + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? (indent ? "2" : "1") : "") + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}

function stringScalar(s: string, indent: string, lineWidth: number, implicitKey: boolean): string {
  if (implicitKey && s.includes("\n")) return quoted(s, indent);
  if (NOT_PLAIN.test(s)) return implicitKey || !s.includes("\n") ? quoted(s, indent) : blockString(s, indent, lineWidth);
  if (!implicitKey && s.includes("\n")) return blockString(s, indent, lineWidth);
  if (DOC_MARKER.test(s) && indent === "") return blockString(s, "  ", lineWidth);
  if (CORE_NON_STRING.some((re) => re.test(s))) return quoted(s, indent);
  return s;
}

function scalar(v: unknown, indent: string, lineWidth: number): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return ".nan";
    if (!Number.isFinite(v)) return v > 0 ? ".inf" : "-.inf";
    return String(v);
  }
  if (typeof v === "string") return stringScalar(v, indent, lineWidth, false);
  if (Array.isArray(v)) return "[]";
  if (isMap(v)) return "{}";
  return JSON.stringify(String(v));
}

const isBlock = (v: unknown) => (Array.isArray(v) ? v.length > 0 : isMap(v) && entries(v).length > 0);

function block(v: Json, indent: string, lineWidth: number): string {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    return v
      .map((item) => {
        if (!isBlock(item)) return `${indent}- ${scalar(item, inner, lineWidth)}`;
        return `${indent}- ${block(item, inner, lineWidth).slice(inner.length)}`;
      })
      .join("\n");
  }
  return entries(v as Record<string, unknown>)
    .map(([k, val]) => {
      const key = stringScalar(k, indent, lineWidth, true);
      if (isBlock(val)) return `${indent}${key}:\n${block(val as Json, inner, lineWidth)}`;
      return `${indent}${key}: ${scalar(val, inner, lineWidth)}`;
    })
    .join("\n");
}

/** `yaml.stringify(value, { lineWidth })` for JSON-like values. */
export function stringify(value: unknown, options: StringifyOptions = {}): string {
  const lineWidth = options.lineWidth ?? 80;
  if (isBlock(value)) return `${block(value as Json, "", lineWidth)}\n`;
  return `${scalar(value, "", lineWidth)}\n`;
}

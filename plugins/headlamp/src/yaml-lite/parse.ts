/**
 * A block-YAML reader for the JSON-like documents the shared cores read back (KubeRay's
 * `serveConfigV2`): block maps and sequences, plain / quoted / literal / folded scalars with
 * core-schema types, comments, empty flow collections and flow sequences of scalars. Anything else
 * (anchors, tags, nested flow maps, multiple documents) throws, and callers treat it as unreadable.
 */

interface Line {
  indent: number;
  text: string;
  /** Original line, for block scalars. */
  raw: string;
}

const CORE: [RegExp, (s: string) => unknown][] = [
  [/^(?:~|[Nn]ull|NULL)?$/, () => null],
  [/^(?:[Tt]rue|TRUE)$/, () => true],
  [/^(?:[Ff]alse|FALSE)$/, () => false],
  [/^[-+]?[0-9]+$/, Number],
  [/^0o[0-7]+$/, (s) => Number.parseInt(s.slice(2), 8)],
  [/^0x[0-9a-fA-F]+$/, (s) => Number.parseInt(s, 16)],
  [/^[-+]?\.(?:inf|Inf|INF)$/, (s) => (s.startsWith("-") ? -Infinity : Infinity)],
  [/^\.(?:nan|NaN|NAN)$/, () => Number.NaN],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/, Number],
];

function unsupported(what: string): never {
  throw new Error(`yaml-lite: ${what} is not supported`);
}

function stripComment(s: string): string {
  const m = /(^|[ \t])#/.exec(s);
  return (m ? s.slice(0, m.index) : s).trimEnd();
}

function quotedScalar(s: string): string {
  const m = s.startsWith('"') ? /^"(?:[^"\\]|\\.)*"/.exec(s) : /^'(?:[^']|'')*'/.exec(s);
  if (!m || stripComment(s.slice(m[0].length)) !== "") unsupported(`the quoted string ${s.slice(0, 20)}`);
  return s.startsWith('"') ? JSON.parse(m[0]) : m[0].slice(1, -1).replace(/''/g, "'");
}

function inlineScalar(raw: string): unknown {
  if (/^\s*["']/.test(raw)) return quotedScalar(raw.trim());
  const s = stripComment(raw.trim());
  if (s === "[]") return [];
  if (s === "{}") return {};
  if (s.startsWith("[") && s.endsWith("]")) return s.slice(1, -1).split(",").map(inlineScalar);
  if (/^[&*!{[]/.test(s)) unsupported(`"${s.slice(0, 20)}"`);
  for (const [re, to] of CORE) if (re.test(s)) return to(s);
  return s;
}

/** `key: rest` at the start of a line, with a plain or quoted key. */
function splitKey(text: string): [string, string] | undefined {
  const quotedKey = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?:[ \t]+|$)(.*)$/.exec(text);
  if (quotedKey) return [String(inlineScalar(quotedKey[1] ?? "")), quotedKey[2] ?? ""];
  const at = text.search(/:(?:[ \t]|$)/);
  if (at <= 0) return undefined;
  const key = text.slice(0, at).trimEnd();
  if (/^[\s#'"{[\]}&*!|>%@`,]|^[?-](?:\s|$)|\s#/.test(key)) return undefined;
  return [key, text.slice(at + 1).trim()];
}

class Reader {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  /** The next line with content; blank and comment lines only matter inside block scalars. */
  private peek(): Line | undefined {
    while (this.lines[this.i]?.text === "") this.i++;
    return this.lines[this.i];
  }

  node(indent: number): unknown {
    const line = this.peek();
    if (!line || line.indent < indent) return null;
    if (/^[|>]/.test(line.text)) {
      this.i++;
      return this.blockScalar(line.text, line.indent - 1);
    }
    if (line.text === "-" || line.text.startsWith("- ")) return this.seq(line.indent);
    if (splitKey(line.text)) return this.map(line.indent);
    this.i++;
    return this.value(line.text, line.indent);
  }

  /** The value after `key:` or `- `: inline, a block scalar, or a nested node on the next lines. */
  private value(rest: string, parentIndent: number): unknown {
    const t = /^\s*["']/.test(rest) ? rest.trim() : stripComment(rest);
    if (t === "") {
      const next = this.peek();
      if (next && (next.indent > parentIndent || (next.indent === parentIndent && next.text.startsWith("-"))))
        return this.node(next.indent);
      return null;
    }
    if (/^[|>]/.test(t)) return this.blockScalar(t, parentIndent);
    let text = t;
    while (!/^["']/.test(text) && this.peek() && (this.peek()?.indent ?? 0) > parentIndent) {
      text += ` ${this.peek()?.text}`;
      this.i++;
    }
    return inlineScalar(text);
  }

  private blockScalar(header: string, parentIndent: number): string {
    const m = /^([|>])(?:([1-9]?)([-+]?)|([-+])([1-9]))$/.exec(header);
    if (!m) unsupported(`block header "${header}"`);
    const indicator = Number(m[2] || m[5] || 0);
    const body: string[] = [];
    let contentIndent = indicator ? parentIndent + indicator : -1;
    for (let line = this.lines[this.i]; line; line = this.lines[++this.i]) {
      const blank = line.raw.trim() === "";
      if (!blank && line.indent <= parentIndent) break;
      if (contentIndent < 0 && !blank) contentIndent = line.indent;
      body.push(blank ? "" : line.raw.slice(contentIndent));
    }
    let trailing = 0;
    while (body.length && body[body.length - 1] === "") {
      body.pop();
      trailing++;
    }
    let text = body.join("\n");
    if (m[1] === ">") text = text.replace(/([^\n ])\n(?=[^\n ])/g, "$1 ");
    const chomp = m[3] || m[4];
    if (chomp === "-" || body.length === 0) return text;
    return chomp === "+" ? `${text}\n${"\n".repeat(trailing)}` : `${text}\n`;
  }

  private seq(indent: number): unknown[] {
    const out: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent && (line.text === "-" || line.text.startsWith("- ")); line = this.peek()) {
      const rest = line.text.slice(1).replace(/^[ \t]+/, "");
      const column = indent + (line.text.length - rest.length);
      if (rest.startsWith("- ") || rest === "-" || splitKey(rest)) {
        this.lines[this.i] = { indent: column, text: rest, raw: " ".repeat(column) + rest };
        out.push(this.node(column));
      } else {
        this.i++;
        out.push(this.value(rest, indent));
      }
    }
    return out;
  }

  private map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const kv = splitKey(line.text);
      if (!kv) unsupported(`line "${line.text.slice(0, 30)}"`);
      this.i++;
      out[kv[0]] = this.value(kv[1], indent);
    }
    return out;
  }

  done(): boolean {
    return this.peek() === undefined;
  }
}

/** `yaml.parse(text)` for block-style, JSON-like documents. */
export function parse(text: string): unknown {
  const lines: Line[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n")) {
    if (raw.startsWith("---") || raw.startsWith("...")) {
      if (lines.some((l) => l.text !== "")) unsupported("more than one document");
      continue;
    }
    if (/^\t/.test(raw)) unsupported("tab indentation");
    const text = raw.trim();
    const isComment = text.startsWith("#");
    lines.push({ indent: raw.length - raw.trimStart().length, text: isComment ? "" : text, raw });
  }
  const reader = new Reader(lines);
  const value = reader.node(0);
  if (!reader.done()) unsupported("content after the document");
  return value;
}

/**
 * A small parser for the Prometheus text exposition format (0.0.4) and the parts of OpenMetrics
 * engines emit (`# EOF`, `# UNIT`, `_created` series). Engines are scraped through the apiserver
 * pod proxy, so there is no Prometheus server to lean on; this is the whole dependency.
 *
 * Strict on sample syntax (a malformed sample line makes the scrape fail with its line number,
 * as Prometheus itself would), lenient on comments it does not know.
 */

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped" | "unknown" | "info" | "stateset" | "gaugehistogram";

/** One sample line: `name{labels} value [timestamp]`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
}

/** Samples grouped under the `# TYPE` that declared them (histogram `_bucket/_sum/_count` included). */
export interface PromFamily {
  name: string;
  type: MetricType;
  help?: string;
  samples: PromSample[];
}

export interface ParsedMetrics {
  families: Map<string, PromFamily>;
  /** Every sample whose own name (e.g. `x_bucket`, `y_total`) is `name`, in file order. */
  series(name: string): PromSample[];
  /** All distinct sample names. */
  names(): string[];
}

/** A scrape body that is not valid exposition text; `line` is 1-based. */
export class PromParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "PromParseError";
  }
}

export interface ParseOptions {
  /** Renames metric names before grouping (e.g. strips Ray Serve's `ray_` prefix). */
  normalizeName?: (name: string) => string;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const SUFFIXES = ["_bucket", "_sum", "_count", "_total", "_created", "_info", "_gsum", "_gcount"];
const TYPES = new Set<string>(["counter", "gauge", "histogram", "summary", "untyped", "unknown", "info", "stateset", "gaugehistogram"]);

/** Parses a Prometheus float: also `NaN`, `+Inf`, `-Inf`, `Inf`. */
export function parsePromNumber(text: string): number {
  switch (text) {
    case "+Inf":
    case "Inf":
    case "+inf":
    case "inf":
      return Number.POSITIVE_INFINITY;
    case "-Inf":
    case "-inf":
      return Number.NEGATIVE_INFINITY;
    case "NaN":
    case "nan":
      return Number.NaN;
  }
  // Number("") is 0 and Number("0x1f") is 31: neither is a Prometheus float.
  if (text === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number.NaN;
  return Number(text);
}

function unescapeValue(raw: string, quote: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = raw[++i];
    if (next === "n") out += "\n";
    else if (next === "\\" || next === quote) out += next;
    else out += `\\${next ?? ""}`;
  }
  return out;
}

/** Reads `{a="b",c="d"}` starting at `start` (the `{`); returns the labels and the index after `}`. */
function readLabels(line: string, start: number, lineNo: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    while (line[i] === " " || line[i] === ",") i++;
    if (line[i] === "}") return { labels, end: i + 1 };
    const name = LABEL_NAME.exec(line.slice(i))?.[0];
    if (!name) throw new PromParseError(lineNo, `expected a label name at column ${i + 1}`);
    i += name.length;
    while (line[i] === " ") i++;
    if (line[i] !== "=") throw new PromParseError(lineNo, `expected "=" after label ${name}`);
    i++;
    while (line[i] === " ") i++;
    if (line[i] !== '"') throw new PromParseError(lineNo, `expected a quoted value for label ${name}`);
    let j = i + 1;
    while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
    if (j >= line.length) throw new PromParseError(lineNo, `unterminated value of label ${name}`);
    labels[name] = unescapeValue(line.slice(i + 1, j), '"');
    i = j + 1;
  }
}

function parseSample(line: string, lineNo: number, normalize: (n: string) => string): PromSample {
  const rawName = NAME.exec(line)?.[0];
  if (!rawName) throw new PromParseError(lineNo, `expected a metric name in "${line.slice(0, 80)}"`);
  let i = rawName.length;
  let labels: Record<string, string> = {};
  if (line[i] === "{") ({ labels, end: i } = readLabels(line, i, lineNo));
  const rest = line.slice(i).trim().split(/\s+/);
  const [valueText, timestampText] = rest;
  if (valueText === undefined || valueText === "" || rest.length > 2) {
    throw new PromParseError(lineNo, `expected "value [timestamp]" after ${rawName}`);
  }
  const value = parsePromNumber(valueText);
  if (Number.isNaN(value) && valueText.toLowerCase() !== "nan") throw new PromParseError(lineNo, `"${valueText}" is not a number`);
  const sample: PromSample = { name: normalize(rawName), labels, value };
  if (timestampText !== undefined) {
    const ts = parsePromNumber(timestampText);
    if (!Number.isFinite(ts)) throw new PromParseError(lineNo, `"${timestampText}" is not a timestamp`);
    // Prometheus text uses ms integers; OpenMetrics uses seconds with a fraction.
    sample.timestampMs = timestampText.includes(".") ? ts * 1000 : ts;
  }
  return sample;
}

/** The family a sample belongs to: its own name, or its name without a histogram/counter suffix. */
function familyOf(name: string, families: Map<string, PromFamily>): string {
  if (families.has(name)) return name;
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix)) {
      const base = name.slice(0, -suffix.length);
      if (families.has(base)) return base;
    }
  }
  return name;
}

/** Parses one scrape body. Throws {@link PromParseError} on a malformed sample line. */
export function parsePrometheusText(text: string, options: ParseOptions = {}): ParsedMetrics {
  const normalize = options.normalizeName ?? ((n: string) => n);
  const families = new Map<string, PromFamily>();
  const bySample = new Map<string, PromSample[]>();
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, "").trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      const m = /^#\s*(HELP|TYPE)\s+(\S+)\s*(.*)$/.exec(line);
      if (!m) continue; // `# EOF`, `# UNIT`, free comments
      const name = normalize(m[2] as string);
      const family = families.get(name) ?? { name, type: "untyped" as MetricType, samples: [] };
      if (m[1] === "TYPE") {
        const type = (m[3] as string).trim();
        if (!TYPES.has(type)) throw new PromParseError(index + 1, `unknown metric type "${type}" for ${name}`);
        family.type = type as MetricType;
      } else {
        family.help = unescapeValue(m[3] as string, "");
      }
      families.set(name, family);
      continue;
    }
    const sample = parseSample(line, index + 1, normalize);
    const familyName = familyOf(sample.name, families);
    let family = families.get(familyName);
    if (!family) {
      family = { name: familyName, type: "untyped", samples: [] };
      families.set(familyName, family);
    }
    family.samples.push(sample);
    const list = bySample.get(sample.name);
    if (list) list.push(sample);
    else bySample.set(sample.name, [sample]);
  }
  return {
    families,
    series: (name) => bySample.get(name) ?? [],
    names: () => [...bySample.keys()],
  };
}

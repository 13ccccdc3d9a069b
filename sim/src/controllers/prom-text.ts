/**
 * A minimal Prometheus client: counters, gauges and histograms with labels, rendered in the text
 * exposition format 0.0.4 that vLLM, SGLang, Dynamo and Ray serve on `/metrics`.
 */

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([k, v]) => `${k}="${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`).join(",")}}`;
}

function num(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  return Number.isInteger(v) ? `${v}.0` : String(Math.round(v * 1e6) / 1e6);
}

interface Series {
  labels: Labels;
  value: number;
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/** A metric family with one series per label set. */
export class Family {
  private readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly type: "counter" | "gauge",
    readonly help: string,
  ) {}

  private get(labels: Labels): Series {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, value: 0 };
      this.series.set(key, s);
    }
    return s;
  }
  inc(labels: Labels, by = 1): void {
    this.get(labels).value += by;
  }
  set(labels: Labels, value: number): void {
    this.get(labels).value = value;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const s of this.series.values()) lines.push(`${this.name}${labelText(s.labels)} ${num(s.value)}`);
    return lines.join("\n");
  }
}

/** A histogram family with fixed upper bounds (`le`), cumulative buckets, `_sum` and `_count`. */
export class HistogramFamily {
  private readonly series = new Map<string, HistogramSeries>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly bounds: number[],
  ) {}

  observe(labels: Labels, value: number, times = 1): void {
    const key = labelText(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, counts: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    const index = this.bounds.findIndex((b) => value <= b);
    if (index >= 0) s.counts[index] = (s.counts[index] ?? 0) + times;
    s.sum += value * times;
    s.count += times;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += s.counts[i] ?? 0;
        lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: num(bound) })} ${num(cumulative)}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: "+Inf" })} ${num(s.count)}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${num(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${num(s.count)}`);
    }
    return lines.join("\n");
  }
}

/** Renders families in order, ending with a newline as Prometheus expects. */
export function renderFamilies(families: (Family | HistogramFamily)[]): string {
  return `${families.map((f) => f.render()).join("\n")}\n`;
}

/** A parsed sample, for tests and for anything that reads the sim's metrics back. */
export interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

/** Parses Prometheus text; throws on a malformed line so tests catch format errors. */
export function parsePromText(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("# TYPE ")) {
      const [, , name, type] = line.split(" ");
      if (!name || !type) throw new Error(`bad TYPE line: ${line}`);
      types.set(name, type);
      continue;
    }
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`bad sample line: ${line}`);
    const labels: Labels = {};
    for (const pair of (match[3] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    const raw = match[4]!;
    const value = raw === "+Inf" ? Number.POSITIVE_INFINITY : Number(raw);
    if (Number.isNaN(value)) throw new Error(`bad value: ${line}`);
    samples.push({ name: match[1]!, labels, value });
  }
  return { samples, types };
}

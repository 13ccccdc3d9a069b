/** Keys whose values never reach a log line, at any depth (case-insensitive). */
const SECRET_KEYS = /^(authorization|cookie|set-cookie|token|access_?token|id_?token|refresh_?token|password|secret|hf_?token|bearer)$/i;
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Replaces secret-bearing values and Bearer tokens inside strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[depth]";
  if (typeof value === "string") return value.replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]");
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redact(v, depth + 1);
    return out;
  }
  return value;
}

export interface LoggerOptions {
  level: LogLevel;
  format: "json" | "pretty";
  /** Where lines go; tests capture them. */
  write?: (line: string) => void;
  now?: () => Date;
}

/** The one logger: structured JSON in production, one readable line per event in development. */
export function createLogger(options: LoggerOptions, base: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const min = LEVELS[options.level];
  const log = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (LEVELS[level] < min) return;
    const safe = redact({ ...base, ...fields }) as LogFields;
    if (options.format === "json") {
      write(JSON.stringify({ time: now().toISOString(), level, msg: redact(msg), ...safe }));
      return;
    }
    const extra = Object.entries(safe)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    write(`${now().toISOString().slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${redact(msg)}${extra ? ` ${extra}` : ""}`);
  };
  return {
    debug: (m, f) => log("debug", m, f),
    info: (m, f) => log("info", m, f),
    warn: (m, f) => log("warn", m, f),
    error: (m, f) => log("error", m, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

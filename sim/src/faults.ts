/**
 * Fault injection for reliability tests: per-request errors (500/503/429 with Retry-After),
 * added latency, dropped watch streams and forced 410s. Set through `startSimCluster({faults})`,
 * `cluster.setFaults()` or POST /sim/v1/faults (admin token).
 */

/** Current fault settings. Every field is optional on input; omitted = no fault. */
export interface FaultConfig {
  /** Fraction (0–1) of API requests answered with `errorStatus` instead of being served. */
  errorRate: number;
  errorStatus: 429 | 500 | 503;
  /** Retry-After seconds sent with the injected errors. */
  retryAfterSeconds: number;
  /** Milliseconds added before every API request is served. */
  latencyMs: number;
  /** Cut every watch stream (no ERROR event, just EOF) this many ms after it starts; 0 = never. */
  dropWatchesAfterMs: number;
  /** While true, watches and continue tokens from any earlier resourceVersion get 410 Gone. */
  forceGone: boolean;
  /** Only requests whose path contains this string are affected by errorRate/latency ("" = all). */
  pathContains: string;
}

export type FaultInput = Partial<FaultConfig>;

const DEFAULTS: FaultConfig = {
  errorRate: 0,
  errorStatus: 503,
  retryAfterSeconds: 1,
  latencyMs: 0,
  dropWatchesAfterMs: 0,
  forceGone: false,
  pathContains: "",
};

/** Thrown for bad fault settings; `field` names the offending key. */
export class FaultConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Validates `input` (unknown keys rejected) and fills defaults. */
export function parseFaultConfig(input: unknown): FaultConfig {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new FaultConfigError("body", "must be an object");
  const out: FaultConfig = { ...DEFAULTS };
  for (const [key, value] of Object.entries(input)) {
    const num = (min: number, max = Number.POSITIVE_INFINITY) => {
      if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
        throw new FaultConfigError(key, `must be a number between ${min} and ${max}`);
      }
      return value;
    };
    switch (key) {
      case "errorRate":
        out.errorRate = num(0, 1);
        break;
      case "errorStatus":
        if (value !== 429 && value !== 500 && value !== 503) throw new FaultConfigError(key, "must be one of 429, 500, 503");
        out.errorStatus = value;
        break;
      case "retryAfterSeconds":
        out.retryAfterSeconds = Math.round(num(0));
        break;
      case "latencyMs":
        out.latencyMs = num(0);
        break;
      case "dropWatchesAfterMs":
        out.dropWatchesAfterMs = num(0);
        break;
      case "forceGone":
        if (typeof value !== "boolean") throw new FaultConfigError(key, "must be a boolean");
        out.forceGone = value;
        break;
      case "pathContains":
        if (typeof value !== "string") throw new FaultConfigError(key, "must be a string");
        out.pathContains = value;
        break;
      default:
        throw new FaultConfigError(key, "unknown field");
    }
  }
  return out;
}

/** Holds the current fault settings and the hooks the HTTP layer consults. */
export class Faults {
  private config: FaultConfig;
  private readonly dropListeners = new Set<() => void>();

  constructor(
    input: FaultInput = {},
    private readonly random: () => number = Math.random,
  ) {
    this.config = parseFaultConfig(input);
  }

  get current(): FaultConfig {
    return { ...this.config };
  }

  /** Replaces the settings (unspecified fields go back to "no fault"). Throws FaultConfigError on bad input. */
  set(input: FaultInput | unknown): FaultConfig {
    this.config = parseFaultConfig(input);
    return this.current;
  }

  /** Whether this request should fail now. */
  shouldFail(path: string): boolean {
    return this.applies(path) && this.config.errorRate > 0 && this.random() < this.config.errorRate;
  }

  latencyFor(path: string): number {
    return this.applies(path) ? this.config.latencyMs : 0;
  }

  /** Registers an open watch's "cut now" function; returns its unregister function. */
  onDrop(drop: () => void): () => void {
    this.dropListeners.add(drop);
    return () => this.dropListeners.delete(drop);
  }

  /** Cuts every open watch stream now. */
  dropAllWatches(): number {
    const drops = [...this.dropListeners];
    for (const drop of drops) drop();
    return drops.length;
  }

  private applies(path: string): boolean {
    return this.config.pathContains === "" || path.includes(this.config.pathContains);
  }
}

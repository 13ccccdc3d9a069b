/**
 * Engine args arrive as argv tokens (`--max-model-len=4096` or `--max-model-len`, `4096`). Runtimes
 * that take a map instead (KAITO's inference_config.yaml, Ray Serve LLM's engine_kwargs) need them
 * as key → value, with YAML-friendly scalars.
 */
export type EngineArgValue = string | number | boolean;

function coerce(value: string): EngineArgValue {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (/^-?\d*\.\d+$/.test(value)) return Number(value);
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

const isFlag = (token: string) => /^--?[A-Za-z]/.test(token);

/**
 * Turns argv tokens into an ordered map keyed by flag name without dashes (`max-model-len`).
 * A flag followed by another flag (or nothing) is a boolean switch.
 */
export function parseEngineArgs(args: readonly string[]): Map<string, EngineArgValue> {
  const parsed = new Map<string, EngineArgValue>();
  for (let i = 0; i < args.length; i++) {
    const token = args[i] ?? "";
    if (!isFlag(token)) continue;
    const name = token.replace(/^--?/, "");
    const eq = name.indexOf("=");
    if (eq >= 0) {
      parsed.set(name.slice(0, eq), coerce(name.slice(eq + 1)));
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !isFlag(next)) {
      parsed.set(name, coerce(next));
      i++;
    } else {
      parsed.set(name, true);
    }
  }
  return parsed;
}

/** Flag names (without dashes) present in argv, in any spelling (`--a=1`, `--a 1`, `--a`). */
export function flagNames(args: readonly string[]): Set<string> {
  return new Set(parseEngineArgs(args).keys());
}

/** `max-model-len` → `max_model_len`: vLLM's Python kwargs spelling used by Ray Serve LLM. */
export function toKwargName(flag: string): string {
  return flag.replace(/-/g, "_");
}

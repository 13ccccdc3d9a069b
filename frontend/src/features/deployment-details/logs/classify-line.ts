export type LineLevel = "error" | "warning" | undefined;

// Engine logs (vLLM, SGLang, TensorRT-LLM, llama.cpp, Ray) mark severity in a few common ways.
const ERROR = /\b(ERROR|FATAL|CRITICAL|PANIC)\b|\b(error|exception|traceback|fatal|panic|out of memory|oomkilled)\b|CUDA error/i;
const WARNING = /\bWARN(ING)?\b|\bwarn(ing)?\b|\bdeprecated\b/i;

/** Severity of a log line, for highlighting and the "errors and warnings only" view. */
export function classifyLine(line: string): LineLevel {
  if (ERROR.test(line)) return "error";
  if (WARNING.test(line)) return "warning";
  return undefined;
}

/** Splits a line around case-insensitive matches of `search`, for <mark> highlighting. */
export function splitMatches(line: string, search: string): { text: string; match: boolean }[] {
  if (!search) return [{ text: line, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  const lower = line.toLowerCase();
  const needle = search.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: line.slice(from, at), match: false });
    parts.push({ text: line.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < line.length) parts.push({ text: line.slice(from), match: false });
  return parts;
}

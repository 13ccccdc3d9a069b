import Box from "@mui/material/Box";
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { classifyLine, splitMatches } from "./classify-line";

const LogLine = memo(function LogLine({ line, search }: { line: string; search: string }) {
  const level = classifyLine(line);
  return (
    <Box
      component="div"
      data-level={level ?? "info"}
      sx={{
        px: 1,
        whiteSpace: "pre-wrap",
        wordBreak: "break-all",
        color: level === "error" ? "error.main" : level === "warning" ? "warning.main" : undefined,
        bgcolor: level === "error" ? "rgba(211,47,47,0.08)" : level === "warning" ? "rgba(237,108,2,0.08)" : undefined,
      }}
    >
      {splitMatches(line, search).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable line
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </Box>
  );
});

/**
 * The log text. Sticks to the bottom while following, unless the user scrolled up to read;
 * filtering by search/severity happens here so the raw lines stay intact.
 */
export function LogOutput({
  lines,
  search,
  problemsOnly,
  follow,
}: {
  lines: string[];
  search: string;
  problemsOnly: boolean;
  follow: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const visible = useMemo(() => (problemsOnly ? lines.filter((l) => classifyLine(l) !== undefined) : lines), [lines, problemsOnly]);
  const matches = useMemo(() => (search ? lines.filter((l) => l.toLowerCase().includes(search.toLowerCase())).length : 0), [lines, search]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && follow && atBottom.current) el.scrollTop = el.scrollHeight;
  });
  // Turning follow on again jumps back to the newest line.
  useEffect(() => {
    if (follow) atBottom.current = true;
  }, [follow]);
  return (
    <>
      {search ? (
        <Box sx={{ fontSize: 13, mb: 0.5, color: "text.secondary" }} aria-live="polite">
          {matches} {matches === 1 ? "line matches" : "lines match"} “{search}”
        </Box>
      ) : null}
      <Box
        ref={ref}
        role="log"
        aria-label="Container log"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        sx={{
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
          fontSize: 12.5,
          lineHeight: 1.5,
          height: "60vh",
          overflow: "auto",
          border: 1,
          borderColor: "divider",
          borderRadius: 1,
          py: 1,
          bgcolor: (t) => (t.palette.mode === "light" ? "#fafafa" : "#1f1e1d"),
          "& mark": { bgcolor: "#ffeb3b", color: "#000" },
        }}
      >
        {visible.length === 0 ? (
          <Box sx={{ px: 1, color: "text.secondary" }}>{lines.length === 0 ? "No log lines yet." : "No lines match."}</Box>
        ) : null}
        {visible.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: log lines are append-only; position is identity
          <LogLine key={i} line={line} search={search} />
        ))}
      </Box>
    </>
  );
}

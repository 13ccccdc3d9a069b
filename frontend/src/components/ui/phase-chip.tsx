import type { Phase } from "@kubeairunway/shared";
import Chip from "@mui/material/Chip";

const COLORS: Record<Phase, "default" | "success" | "warning" | "error" | "info"> = {
  Pending: "warning",
  Deploying: "info",
  Running: "success",
  Degraded: "warning",
  Failed: "error",
  Terminating: "default",
};

/** A deployment's phase as colour and text (never colour alone). */
export function PhaseChip({ phase }: { phase: Phase }) {
  return <Chip size="small" label={phase} color={COLORS[phase]} variant={phase === "Running" ? "filled" : "outlined"} />;
}

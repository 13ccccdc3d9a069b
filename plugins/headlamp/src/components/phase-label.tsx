import { StatusLabel } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { Phase } from "@kubeairunway/shared/schemas/common";

const STATUS: Record<Phase, "success" | "warning" | "error" | ""> = {
  Running: "success",
  Deploying: "warning",
  Pending: "warning",
  Degraded: "warning",
  Failed: "error",
  Terminating: "",
};

/** A deployment phase in Headlamp's own status colours. */
export function PhaseLabel({ phase }: { phase: Phase }) {
  return <StatusLabel status={STATUS[phase]}>{phase}</StatusLabel>;
}

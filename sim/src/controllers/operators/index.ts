/** The simulated runtime operators; each one gates itself on its CRD and operator Deployment. */
import type { ProfileHints } from "../pod-profile";
import type { ControllerRuntime } from "../runtime";
import { startDynamoOperator } from "./dynamo";
import { startKaitoOperator } from "./kaito";
import { startKubeRayOperator } from "./kuberay";

export function startOperators(rt: ControllerRuntime, hints: ProfileHints): void {
  startKaitoOperator(rt, hints);
  startKubeRayOperator(rt, hints);
  startDynamoOperator(rt, hints);
}

/**
 * Entry point of the simulated cluster's controllers (see ../runtime-hooks.ts): scheduler,
 * kubelet, workload controllers and the KAITO / KubeRay / Dynamo operators, all reacting to store
 * events and writing through the store as system identities.
 */
import type { PodBackendRegistry, RunningControllers } from "../runtime-hooks";
import type { ObjectStore } from "../store/store";
import type { ControllerContext } from "../store/types";
import { startEndpointsController } from "./endpoints";
import { startKubelet } from "./kubelet";
import { startOperators } from "./operators";
import { createPodBackend } from "./pod-backend";
import type { ProfileHints } from "./pod-profile";
import { ControllerRuntime, type Timers } from "./runtime";
import { startScheduler } from "./scheduler";
import { startWorkloadControllers } from "./workloads";

export interface ControllerOptions extends ControllerContext {
  /** Timer functions (tests may inject fakes). */
  timers?: Timers;
}

/** Starts every controller; `stop()` clears all their timers and subscriptions. */
export function startControllers(store: ObjectStore, podBackends: PodBackendRegistry, ctx: ControllerOptions): RunningControllers {
  const rt = new ControllerRuntime(store, ctx);
  const hints: ProfileHints = new Map();
  startScheduler(rt);
  startWorkloadControllers(rt);
  startEndpointsController(rt);
  const runs = startKubelet(rt, hints);
  startOperators(rt, hints);
  podBackends.set(createPodBackend(runs, ctx.speed, ctx.random));
  return {
    stop() {
      rt.stop();
      podBackends.set(undefined);
    },
  };
}

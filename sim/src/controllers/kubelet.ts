/**
 * The simulated kubelets (one per node, run by one controller): start containers of pods bound to
 * a node, keep `pod.status` (phase, IPs, conditions, containerStatuses with restartCount and
 * lastState) in step with the containers, and end Terminating pods after a short shutdown.
 */
import { R } from "../store/builtins";
import type { KubeObject, StoreEvent } from "../store/types";
import { type ContainerEnv, containerConfigError, startContainer } from "./container-lifecycle";
import { nodeGpu } from "./gpu-nodes";
import { type LogFacts, startupScript } from "./log-lines";
import { modelSize } from "./model-sizes";
import { type ProfileHints, profilePod } from "./pod-profile";
import { cancelContainer, endFollowers, type PodRun } from "./pod-runs";
import { podStatus } from "./pod-status";
import { parseResourceList } from "./quantity";
import { type ControllerRuntime, getOrCreate, key, systemActor } from "./runtime";

interface ContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** Whether a container is given a HuggingFace token: by env name, or any Secret mounted as env. */
function hasHfToken(c: ContainerSpec): boolean {
  const spec = c as ContainerSpec & { env?: { name: string }[]; envFrom?: { secretRef?: unknown }[] };
  return (
    (spec.env ?? []).some((e) => /^(HF_TOKEN|HUGGING_FACE_HUB_TOKEN|HUGGINGFACE_HUB_TOKEN)$/.test(e.name)) ||
    (spec.envFrom ?? []).some((e) => e.secretRef)
  );
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Starts the kubelets; returns the live pod table the PodBackend reads. */
export function startKubelet(rt: ControllerRuntime, hints: ProfileHints): Map<string, PodRun> {
  const runs = new Map<string, PodRun>();
  const nodeImages = new Map<string, Set<string>>();
  const nextIP = new Map<string, number>();
  const nodeIndex = new Map<string, number>();

  const allocateIP = (node: string) => {
    if (!nodeIndex.has(node)) nodeIndex.set(node, nodeIndex.size);
    const n = (nextIP.get(node) ?? 2) + 1;
    nextIP.set(node, n > 254 ? 3 : n);
    return `10.244.${nodeIndex.get(node)}.${n}`;
  };

  const actorFor = (node: string) => systemActor(`system:node:${node}`, ["system:nodes"]);

  const writeStatus = (run: PodRun) => {
    if (run.terminating || rt.isStopped) return;
    rt.guard(() =>
      rt.store.mutate(
        R.pods,
        run.namespace,
        run.name,
        actorFor(run.node),
        (p) => {
          if (p.metadata.uid !== run.uid) return;
          p.status = podStatus(run, (p.status ?? {}) as Record<string, unknown>, iso(rt.now()));
        },
        true,
      ),
    );
  };

  /** A pod whose containers all report ready (a seed wrote it so) keeps running as it is. */
  const adoptRunning = (pod: KubeObject, run: PodRun): boolean => {
    const status = (pod.status ?? {}) as {
      podIP?: string;
      startTime?: string;
      containerStatuses?: { name: string; ready?: boolean; restartCount?: number; state?: { running?: { startedAt?: string } } }[];
    };
    const statuses = status.containerStatuses ?? [];
    if (statuses.length === 0 || !statuses.every((c) => c.ready)) return false;
    if (status.podIP) run.podIP = status.podIP;
    if (status.startTime) run.startTime = status.startTime;
    for (const c of run.containers) {
      const s = statuses.find((x) => x.name === c.name);
      c.phase = { state: "running", startedAt: s?.state?.running?.startedAt ?? run.startTime };
      c.ready = true;
      c.started = true;
      c.restartCount = s?.restartCount ?? 0;
    }
    return true;
  };

  const launch = (pod: KubeObject) => {
    const spec = pod.spec as { nodeName: string; containers?: ContainerSpec[] };
    const node = rt.store.get(R.nodes, undefined, spec.nodeName);
    if (!node) return;
    const gpu = nodeGpu(node);
    const hostIP =
      ((node.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).find(
        (a) => a.type === "InternalIP",
      )?.address ?? "10.224.0.4";
    const profiles = profilePod(pod, hints);
    const run: PodRun = {
      key: key(pod),
      uid: pod.metadata.uid ?? "",
      namespace: pod.metadata.namespace ?? "default",
      name: pod.metadata.name,
      node: spec.nodeName,
      podIP: allocateIP(spec.nodeName),
      hostIP,
      startTime: iso(rt.now()),
      dynamoNamespace: pod.metadata.labels?.["nvidia.com/dynamo-namespace"] ?? "",
      terminating: false,
      containers: (spec.containers ?? []).map((c, i) => ({
        name: c.name,
        image: c.image ?? "",
        profile: profiles[i] ?? { role: "generic", model: "", servedModel: "" },
        phase: { state: "waiting", reason: "ContainerCreating" },
        ready: false,
        started: false,
        restartCount: 0,
        log: [],
        followers: new Set(),
        metricsAt: Date.now(),
        cancels: [],
      })),
    };
    runs.set(run.key, run);
    const adopted = adoptRunning(pod, run);
    if (!adopted) writeStatus(run);
    const images = getOrCreate(nodeImages, run.node, () => new Set<string>());
    (spec.containers ?? []).forEach((c, i) => {
      const container = run.containers[i];
      if (!container) return;
      const requests = { ...parseResourceList(c.resources?.limits), ...parseResourceList(c.resources?.requests) };
      const limits = parseResourceList(c.resources?.limits);
      const gpus = requests["nvidia.com/gpu"] ?? requests["amd.com/gpu"] ?? 0;
      const size = modelSize(container.profile.model || "unknown-7b");
      const facts: LogFacts = {
        podIP: run.podIP,
        gpuCount: gpus,
        gpuMemoryGiB: (gpu?.memoryMiB ?? 0) / 1024,
        weightsGiB: size.weightsGiB,
        contextLength: size.contextLength,
        architecture: size.architecture,
      };
      const env: ContainerEnv = {
        rt,
        run,
        facts,
        gpus,
        memoryLimit: limits.memory ?? Number.POSITIVE_INFINITY,
        nodeImages: images,
        hasHfToken: hasHfToken(c),
        configError: () =>
          containerConfigError(
            c as Parameters<typeof containerConfigError>[0],
            run.namespace,
            (name) => rt.store.get(R.secrets, run.namespace, name) as never,
          ),
        event: (type, reason, message) => {
          const current = rt.store.get(R.pods, run.namespace, run.name);
          if (current && !run.terminating)
            rt.recordEvent(current, type, reason, message, { component: "kubelet", host: run.node }, actorFor(run.node));
        },
        writeStatus: () => writeStatus(run),
      };
      if (adopted) {
        // Already running (written by a seed): no restart, logs rendered when first read.
        container.pendingLog = () => startupScript(container.profile, facts).map((l) => l.text(rt.now()));
        return;
      }
      startContainer(env, container);
    });
  };

  const terminate = (pod: KubeObject, run: PodRun) => {
    if (run.terminating) return;
    for (const c of run.containers) {
      if (c.phase.state === "running")
        rt.recordEvent(
          pod,
          "Normal",
          "Killing",
          `Stopping container ${c.name}`,
          { component: "kubelet", host: run.node },
          actorFor(run.node),
        );
      cancelContainer(c);
      // Killed: followed logs end now, not when the pod object is finally removed.
      endFollowers(c);
      c.ready = false;
    }
    run.terminating = true;
    const grace = Math.min(2, pod.metadata.deletionGracePeriodSeconds ?? 30);
    rt.after(grace, () =>
      rt.guard(() => {
        const current = rt.store.get(R.pods, run.namespace, run.name);
        if (current?.metadata.uid === run.uid)
          rt.store.delete(R.pods, run.namespace, run.name, actorFor(run.node), { gracePeriodSeconds: 0 });
      }),
    );
  };

  const sync = (podKey: string) => {
    const [ns, name] = podKey.split("/") as [string, string];
    const pod = rt.store.get(R.pods, ns, name);
    const run = runs.get(podKey);
    if (!pod) return;
    if (run && run.uid !== pod.metadata.uid) {
      for (const c of run.containers) {
        cancelContainer(c);
        endFollowers(c);
      }
      runs.delete(podKey);
    }
    const current = runs.get(podKey);
    if (pod.metadata.deletionTimestamp) {
      if (current) terminate(pod, current);
      return;
    }
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!current && nodeName) launch(pod);
  };

  const enqueue = rt.queue(sync);
  for (const pod of rt.store.list(R.pods).items) enqueue(key(pod));
  rt.onEvent((event: StoreEvent) => {
    if (event.resource.resource !== "pods" || event.resource.group !== "") return;
    const k = key(event.object);
    if (event.type === "DELETED") {
      const run = runs.get(k);
      if (run && run.uid === event.object.metadata.uid) {
        for (const c of run.containers) {
          cancelContainer(c);
          endFollowers(c);
        }
        runs.delete(k);
      }
      return;
    }
    enqueue(k);
  });
  return runs;
}

/**
 * Container logs that read like the engines' own: startup (model download, weight loading, KV-cache
 * sizing, server start), steady request traffic, and the crash lines of the failure modes. Wording
 * follows vLLM 0.10, SGLang 0.5, llama.cpp server, Ray 2.52 and Dynamo 1.x logs. Every line is
 * rendered when it is emitted so timestamps are the sim's wall clock.
 */
import type { ContainerProfile } from "./pod-profile";

/** One scripted line: `at` is the fraction (0..1) of the startup time at which it appears. */
export interface ScriptLine {
  at: number;
  text: (now: Date) => string;
}

export interface LogFacts {
  podIP: string;
  gpuCount: number;
  /** Memory of one GPU, GiB (0 on CPU nodes). */
  gpuMemoryGiB: number;
  weightsGiB: number;
  contextLength: number;
  architecture: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const vllmTime = (d: Date) => `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${d.toISOString().slice(11, 19)}`;
const sglangTime = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");
const rayTime = (d: Date) => `${sglangTime(d)},${pad(d.getUTCMilliseconds(), 3)}`;
const dynamoTime = (d: Date) => `${d.toISOString().slice(0, 23)}${pad(d.getUTCMilliseconds() % 1000, 3)}Z`;

function vllmEngineLines(p: ContainerProfile, f: LogFacts, api: string, core: string): ScriptLine[] {
  const v =
    (src: string, msg: string, who = core) =>
    (now: Date) =>
      `${who}INFO ${vllmTime(now)} [${src}] ${msg}`;
  const kvGiB = Math.max(0.5, f.gpuMemoryGiB * Math.max(1, f.gpuCount) * 0.9 - f.weightsGiB - 1.5);
  const kvTokens = Math.round((kvGiB * 2 ** 30) / 114688);
  return [
    { at: 0, text: (now) => `INFO ${vllmTime(now)} [__init__.py:241] Automatically detected platform cuda.` },
    { at: 0.02, text: v("api_server.py:1805", "vLLM API server version 0.10.1.1", api) },
    { at: 0.03, text: v("utils.py:326", `non-default args: {'model': '${p.model}', 'port': ${p.apiPort ?? 8000}}`, api) },
    { at: 0.08, text: v("config.py:726", `Resolved architecture: ${f.architecture}`, api) },
    { at: 0.08, text: v("config.py:1759", `Using max model len ${f.contextLength}`, api) },
    {
      at: 0.1,
      text: v(
        "core.py:73",
        `Initializing a V1 LLM engine (v0.10.1.1) with config: model='${p.model}', tensor_parallel_size=${Math.max(1, f.gpuCount)}`,
      ),
    },
    { at: 0.12, text: v("parallel_state.py:1134", "rank 0 in world size 1 is assigned as DP rank 0, PP rank 0, TP rank 0, EP rank 0") },
    { at: 0.13, text: v("gpu_model_runner.py:1953", `Starting to load model ${p.model}...`) },
    { at: 0.14, text: v("weight_utils.py:296", "Using model weights format ['*.safetensors']") },
    {
      at: 0.45,
      text: v("weight_utils.py:312", `Time spent downloading weights for ${p.model}: ${(f.weightsGiB * 1.6).toFixed(2)} seconds`),
    },
    { at: 0.55, text: v("default_loader.py:262", `Loading weights took ${(f.weightsGiB * 0.25).toFixed(2)} seconds`) },
    {
      at: 0.56,
      text: v(
        "gpu_model_runner.py:2007",
        `Model loading took ${f.weightsGiB.toFixed(4)} GiB and ${(f.weightsGiB * 0.4 + 1).toFixed(6)} seconds`,
      ),
    },
    { at: 0.7, text: v("monitor.py:34", "torch.compile takes 9.91 s in total") },
    { at: 0.75, text: v("gpu_worker.py:276", `Available KV cache memory: ${kvGiB.toFixed(2)} GiB`) },
    { at: 0.75, text: v("kv_cache_utils.py:849", `GPU KV cache size: ${kvTokens.toLocaleString("en-US")} tokens`) },
    { at: 0.9, text: v("gpu_model_runner.py:2708", "Graph capturing finished in 5 secs, took 0.59 GiB") },
    { at: 0.92, text: v("core.py:214", "init engine (profile, create kv cache, warmup model) took 19.66 seconds") },
  ];
}

function vllmServerLines(p: ContainerProfile, api: string): ScriptLine[] {
  const v = (src: string, msg: string) => (now: Date) => `${api}INFO ${vllmTime(now)} [${src}] ${msg}`;
  return [
    { at: 0.96, text: v("api_server.py:1611", "Supported_tasks: ['generate']") },
    { at: 0.97, text: v("api_server.py:1880", `Starting vLLM API server 0 on http://0.0.0.0:${p.apiPort ?? 8000}`) },
    { at: 0.98, text: () => `${api}INFO:     Started server process [1]` },
    { at: 0.99, text: () => `${api}INFO:     Waiting for application startup.` },
    { at: 1, text: () => `${api}INFO:     Application startup complete.` },
  ];
}

function sglangLines(p: ContainerProfile, f: LogFacts, prefix = ""): ScriptLine[] {
  const s =
    (msg: string, tp = true) =>
    (now: Date) =>
      `${prefix}[${sglangTime(now)}${tp ? " TP0" : ""}] ${msg}`;
  const avail = f.gpuMemoryGiB * 0.98;
  return [
    {
      at: 0,
      text: s(`server_args=ServerArgs(model_path='${p.model}', served_model_name='${p.servedModel}', port=${p.apiPort ?? 30000})`, false),
    },
    { at: 0.05, text: s("Attention backend not explicitly specified. Use flashinfer backend by default.") },
    { at: 0.1, text: s("Init torch distributed begin.") },
    { at: 0.15, text: s(`Load weight begin. avail mem=${avail.toFixed(2)} GB`) },
    {
      at: 0.6,
      text: s(
        `Load weight end. type=${f.architecture}, dtype=torch.bfloat16, avail mem=${(avail - f.weightsGiB).toFixed(2)} GB, mem usage=${f.weightsGiB.toFixed(2)} GB.`,
      ),
    },
    { at: 0.7, text: s("Capture cuda graph begin. This can take up to several minutes.") },
    {
      at: 0.9,
      text: s(`max_total_num_tokens=605000, chunked_prefill_size=8192, max_running_requests=4096, context_len=${f.contextLength}`),
    },
    { at: 0.97, text: s("INFO:     Started server process [1]", false) },
    { at: 0.98, text: s("INFO:     Application startup complete.", false) },
    { at: 0.99, text: s(`INFO:     Uvicorn running on http://0.0.0.0:${p.apiPort ?? 30000} (Press CTRL+C to quit)`, false) },
    { at: 1, text: s("The server is fired up and ready to roll!", false) },
  ];
}

function llamacppLines(p: ContainerProfile, f: LogFacts): ScriptLine[] {
  const file = `/models/${(p.model.split("/").pop() ?? "model").replace(/-GGUF$/i, "")}-Q4_K_M.gguf`;
  const sizeMiB = Math.max(1, f.weightsGiB * 1024 * 0.3);
  const lines = [
    "build: 6210 (e0b5d2b4) with cc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0 for x86_64-linux-gnu",
    "system info: n_threads = 8, n_threads_batch = 8, total_threads = 8",
    `main: HTTP server is listening, hostname: 0.0.0.0, port: ${p.apiPort ?? 8080}, http threads: 7`,
    "main: loading model",
    `srv    load_model: loading model '${file}'`,
    "print_info: file format = GGUF V3 (latest)",
    `print_info: file size   = ${sizeMiB.toFixed(2)} MiB (4.89 BPW)`,
    "load_tensors: loading model tensors, this can take a while... (mmap = true)",
    `load_tensors:   CPU_Mapped model buffer size =   ${sizeMiB.toFixed(2)} MiB`,
    "llama_context: n_ctx         = 4096",
    "srv          init: initializing slots, n_slots = 1",
    "main: model loaded",
    `main: server is listening on http://0.0.0.0:${p.apiPort ?? 8080} - starting the main loop`,
    "srv  update_slots: all slots are idle",
  ];
  return lines.map((line, i) => ({ at: i / (lines.length - 1), text: () => line }));
}

function rayStartLines(f: LogFacts, head: boolean): ScriptLine[] {
  const r = (level: string, msg: string) => (now: Date) => `${rayTime(now)}\t${level} scripts.py:865 -- ${msg}`;
  return [
    {
      at: 0,
      text: r(
        "INFO",
        "Usage stats collection is enabled by default without user confirmation because this terminal is detected to be non-interactive.",
      ),
    },
    { at: 0.02, text: r("INFO", `Local node IP: ${f.podIP}`) },
    { at: 0.1, text: r("SUCC", "--------------------") },
    { at: 0.1, text: r("SUCC", "Ray runtime started.") },
    { at: 0.1, text: r("SUCC", "--------------------") },
    ...(head ? [{ at: 0.11, text: r("INFO", "View the Ray dashboard at http://0.0.0.0:8265") }] : []),
    { at: 0.12, text: r("INFO", "This command will now block forever until terminated by a signal.") },
  ];
}

function dynamoLines(p: ContainerProfile, f: LogFacts): ScriptLine[] {
  const d = (target: string, msg: string) => (now: Date) => `${dynamoTime(now)}  INFO ${target}: ${msg}`;
  if (p.role === "dynamo-frontend") {
    return [
      { at: 0, text: d("dynamo_runtime::distributed", "Initializing distributed runtime") },
      { at: 0.2, text: d("dynamo_llm::http::service::service_v2", `Starting HTTP service on: 0.0.0.0:8000 address="0.0.0.0:8000"`) },
      { at: 1, text: d("dynamo_llm::discovery::watcher", `added model model_name="${p.servedModel}"`) },
    ];
  }
  const engineLines = p.engine === "sglang" ? sglangLines(p, f) : vllmEngineLines(p, f, "", "");
  const mode = p.subComponent ? ` in ${p.subComponent} mode` : "";
  return [
    { at: 0, text: d(`dynamo.${p.engine ?? "vllm"}.main`, `Initializing Dynamo ${p.engine ?? "vllm"} worker${mode}`) },
    ...engineLines.map((l) => ({ at: 0.02 + l.at * 0.9, text: l.text })),
    { at: 1, text: d("dynamo_runtime::pipeline::network::ingress::push_endpoint", `Registered endpoint 'generate' with model ${p.model}`) },
  ];
}

/** The lines a container prints from start until it is ready to serve. */
export function startupScript(p: ContainerProfile, f: LogFacts): ScriptLine[] {
  switch (p.role) {
    case "vllm":
    case "transformers":
    case "trtllm":
      return [...vllmEngineLines(p, f, "(APIServer pid=1) ", "(EngineCore_0 pid=263) "), ...vllmServerLines(p, "(APIServer pid=1) ")];
    case "sglang":
      return sglangLines(p, f);
    case "llamacpp":
      return llamacppLines(p, f);
    case "ray-head": {
      const app = (now: Date) => `INFO ${rayTime(now)} controller 345 -- Application 'llms' is ready at http://0.0.0.0:8000/.`;
      return [...rayStartLines(f, true), { at: 1, text: app }];
    }
    case "ray-worker": {
      const replica = `(ServeReplica:llms:LLMServer:${p.servedModel.replaceAll(/[^a-zA-Z0-9]/g, "_")} pid=1234) `;
      const ready = (now: Date) => `${replica}INFO ${rayTime(now)} replica.py:1208 -- Finished initializing replica.`;
      return [
        ...rayStartLines(f, false),
        ...vllmEngineLines(p, f, replica, replica).map((l) => ({ at: 0.15 + l.at * 0.8, text: l.text })),
        { at: 1, text: ready },
      ];
    }
    case "dynamo-frontend":
    case "dynamo-worker":
      return dynamoLines(p, f);
    default:
      return [
        { at: 0, text: (now) => `${now.toISOString()}\tINFO\tsetup\tstarting manager` },
        { at: 1, text: (now) => `${now.toISOString()}\tINFO\tStarting workers\t{"worker count": 1}` },
      ];
  }
}

/** Lines printed when the model does not fit the GPUs: the CUDA out-of-memory traceback. */
export function cudaOomLines(p: ContainerProfile, f: LogFacts, now: Date): string[] {
  const total = f.gpuMemoryGiB.toFixed(2);
  const oom =
    `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.02 GiB. GPU 0 has a total capacity of ${total} GiB of which ` +
    `${Math.min(0.5, f.gpuMemoryGiB * 0.02).toFixed(2)} GiB is free. Including non-PyTorch memory, this process has ${(f.gpuMemoryGiB * 0.98).toFixed(2)} GiB memory in use.`;
  if (p.role === "sglang" || p.engine === "sglang") {
    return [
      `[${sglangTime(now)} TP0] Scheduler hit an exception: Traceback (most recent call last):`,
      oom,
      `[${sglangTime(now)}] Received sigquit from a child process. It usually means the child failed.`,
    ];
  }
  const prefix = p.role === "ray-worker" ? "" : "(EngineCore_0 pid=263) ";
  return [
    `${prefix}ERROR ${vllmTime(now)} [core.py:718] EngineCore failed to start.`,
    `${prefix}ERROR ${vllmTime(now)} [core.py:718] Traceback (most recent call last):`,
    `${prefix}ERROR ${vllmTime(now)} [core.py:718]   File "/usr/local/lib/python3.12/dist-packages/vllm/model_executor/model_loader/default_loader.py", line 262, in load_weights`,
    `${prefix}ERROR ${vllmTime(now)} [core.py:718] ${oom}`,
    "RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}",
  ];
}

/** The HuggingFace error when a gated model is downloaded without a token (huggingface_hub 0.3x wording). */
export function gatedRepoLines(model: string): string[] {
  return [
    "Traceback (most recent call last):",
    '  File "/usr/local/lib/python3.12/dist-packages/huggingface_hub/utils/_http.py", line 409, in hf_raise_for_status',
    `huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=1-6830b1f2-3c5b0d5e4f6a7b8c9d0e1f2a)`,
    "",
    `Cannot access gated repo for url https://huggingface.co/${model}/resolve/main/config.json.`,
    `Access to model ${model} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
  ];
}

/** What a container prints when the kernel OOM-kills it (usually nothing; the last line before it). */
export function oomKilledLines(p: ContainerProfile, now: Date): string[] {
  if (p.role === "llamacpp") return ["load_tensors: loading model tensors, this can take a while... (mmap = true)"];
  return [
    `INFO ${vllmTime(now)} [default_loader.py:262] Loading safetensors checkpoint shards:  47% Completed | 8/17 [00:41<00:46,  5.20s/it]`,
  ];
}

/** One burst of request log lines for a serving container, given a client address. */
export function requestLines(p: ContainerProfile, random: () => number, now: Date, client: string): string[] {
  const running = Math.floor(random() * 6);
  const prompt = (200 + random() * 600).toFixed(1);
  const gen = (100 + random() * 300).toFixed(1);
  switch (p.role) {
    case "vllm":
    case "ray-worker":
    case "trtllm":
    case "transformers": {
      const api =
        p.role === "ray-worker"
          ? `(ServeReplica:llms:LLMServer:${p.servedModel.replaceAll(/[^a-zA-Z0-9]/g, "_")} pid=1234) `
          : "(APIServer pid=1) ";
      return [
        `${api}INFO:     ${client}:${40000 + Math.floor(random() * 20000)} - "POST /v1/chat/completions HTTP/1.1" 200 OK`,
        `${api}INFO ${vllmTime(now)} [loggers.py:123] Engine 000: Avg prompt throughput: ${prompt} tokens/s, Avg generation throughput: ${gen} tokens/s, Running: ${running} reqs, Waiting: 0 reqs, GPU KV cache usage: ${(random() * 40).toFixed(1)}%, Prefix cache hit rate: ${(random() * 50).toFixed(1)}%`,
      ];
    }
    case "sglang":
      return [
        `[${sglangTime(now)} TP0] Prefill batch. #new-seq: 1, #new-token: ${Math.floor(random() * 900)}, #cached-token: 0, token usage: 0.01, #running-req: ${running}, #queue-req: 0,`,
        `[${sglangTime(now)} TP0] Decode batch. #running-req: ${running + 1}, #token: 2048, token usage: 0.01, cuda graph: True, gen throughput (token/s): ${gen}, #queue-req: 0,`,
        `[${sglangTime(now)}] INFO:     ${client}:51234 - "POST /v1/chat/completions HTTP/1.1" 200 OK`,
      ];
    case "llamacpp":
      return [
        `slot launch_slot_: id  0 | task ${Math.floor(random() * 1000)} | processing task`,
        `prompt eval time =      45.12 ms /    27 tokens (    1.67 ms per token,   ${prompt} tokens per second)`,
        `       eval time =    1234.50 ms /   123 tokens (   10.04 ms per token,    ${gen} tokens per second)`,
        `srv  log_server_r: request: POST /v1/chat/completions ${client} 200`,
      ];
    case "dynamo-frontend":
      return [
        `${dynamoTime(now)}  INFO http-request: dynamo_llm::http::service::openai: request completed method=POST uri=/v1/chat/completions status=200 elapsed_ms=${Math.floor(300 + random() * 900)}`,
      ];
    case "dynamo-worker":
      return requestLines({ ...p, role: p.engine === "sglang" ? "sglang" : "vllm" }, random, now, client).slice(-1);
    default:
      return [];
  }
}

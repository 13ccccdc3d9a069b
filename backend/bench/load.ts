export interface LoadResult {
  latencies: number[];
  errors: number;
  durationMs: number;
  requestsPerSecond: number;
  bytes: number;
}

/**
 * `concurrency` clients, each sending the next request as soon as the previous answer's body is
 * fully read, for `durationMs`. The body is read (not parsed): the figure is the backend's cost.
 */
export async function closedLoop(url: string, init: RequestInit, concurrency: number, durationMs: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, init);
        const body = await res.arrayBuffer();
        if (!res.ok) errors++;
        else {
          latencies.push(performance.now() - t0);
          bytes += body.byteLength;
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const durationMsActual = performance.now() - start;
  return { latencies, errors, durationMs: durationMsActual, requestsPerSecond: (latencies.length * 1000) / durationMsActual, bytes };
}

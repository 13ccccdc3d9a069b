import { corePath, withQuery } from "./paths";
import { KubeCallError, type KubeRequest } from "./request";

export interface LogOptions {
  container?: string;
  tailLines?: number;
  previous?: boolean;
}

/** A pod's log as the user (`pods/log`), as lines. */
export async function fetchPodLog(request: KubeRequest, namespace: string, pod: string, options: LogOptions = {}): Promise<string[]> {
  const path = withQuery(`${corePath("pods", namespace, pod)}/log`, {
    container: options.container,
    tailLines: options.tailLines,
    previous: options.previous ? "true" : undefined,
  });
  try {
    const res: Response = await request(path, { isJSON: false, autoLogoutOnAuthError: false });
    const text = await res.text();
    return text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
  } catch (err) {
    throw KubeCallError.from(err);
  }
}

import type { AccessControl } from "./identity";

/**
 * AUTH_MODE=none: one person on a laptop, acting with their kubeconfig identity. The backend
 * binds to 127.0.0.1 by default in this mode, so nobody else reaches it.
 */
export function localAccess(): AccessControl {
  return { identify: async () => ({ kind: "local" }) };
}

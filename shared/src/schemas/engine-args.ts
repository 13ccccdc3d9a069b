import { z } from "zod";

/**
 * Engine args reach a container's argv, never a shell, but they are still user input that ends up
 * in a pod spec. Allow only plain flag/value tokens: no shell metacharacters, quotes or spaces.
 */
const TOKEN = /^[A-Za-z0-9_.,:/@+=%-]+$/;
/** `--flag`, `-f`, `--flag=value`, or a bare value following a flag. */
const FLAG = /^--?[A-Za-z0-9][A-Za-z0-9_.-]*(=.*)?$/;

/**
 * Flags that would widen what the engine process may do on the node or in the network, or run
 * code fetched from the model repo. Users who need them write their own manifest.
 */
export const FORBIDDEN_ENGINE_FLAGS = [
  "--trust-remote-code",
  "--allowed-local-media-path",
  "--privileged",
  "--user",
  "--uid",
  "--gid",
  "--cap-add",
  "--security-opt",
  "--host-network",
  "--ssl-keyfile",
  "--ssl-certfile",
  "--ssl-ca-certs",
  "--root-path",
  "--download-dir",
  "--worker-extension-cls",
  "--middleware",
] as const;

export const engineArg = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be no more than 256 characters")
  .regex(TOKEN, "may only contain letters, digits and _ . , : / @ + = % - (no spaces or shell metacharacters)")
  .refine(
    (arg) => {
      if (!FLAG.test(arg)) return true;
      const flag = arg.split("=")[0] ?? arg;
      return !(FORBIDDEN_ENGINE_FLAGS as readonly string[]).includes(flag);
    },
    { message: "this flag is not allowed: it changes the security context or runs remote code" },
  );

export const engineArgs = z.array(engineArg).max(64, "at most 64 engine arguments");

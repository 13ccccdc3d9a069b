import type { ErrorBody } from "@kubeairunway/shared";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../errors";
import type { AppEnv } from "../types";

/** The single place that turns an error into a response: always the shared error body. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  const { logger } = c.var.deps;
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (err instanceof HTTPException && err.status < 500) {
    appError = new AppError(err.status === 404 ? "not_found" : "invalid_input", err.message || "bad request", undefined, err.status);
  } else {
    logger.error("unhandled error", { requestId: c.var.requestId, path: c.req.path, error: err });
    appError = new AppError("internal", "internal error; see the backend log", { requestId: c.var.requestId });
  }
  if (appError.status >= 500 && appError.code !== "internal") {
    logger.warn("upstream failure", { requestId: c.var.requestId, path: c.req.path, code: appError.code, message: appError.message });
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined) body.error.details = appError.details;
  const headers: Record<string, string> = {};
  if (appError.retryAfter !== undefined) headers["Retry-After"] = String(appError.retryAfter);
  return c.json(body, appError.status as 400, headers);
}

import { ApiError } from "@kubeairunway/shared";
import { QueryClient } from "@tanstack/react-query";

/**
 * Server state defaults. Nothing polls: freshness comes from `/api/stream`, so data stays fresh
 * until an event invalidates it. Only failures worth retrying (the upstream was down) are retried.
 */
export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 2 && error instanceof ApiError && error.retryable,
      },
      mutations: { retry: false },
    },
  });
}

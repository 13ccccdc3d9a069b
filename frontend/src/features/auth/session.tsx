import { ApiError, systemKeys } from "@kubeairunway/shared";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useServices } from "../../app/services";

export interface Session {
  /** Why the user is looking at the sign-in page, if a token was rejected or expired. */
  message: string | undefined;
  signIn: (token: string) => void;
  signOut: () => void;
  /** Called when a whoami confirms the token; later rejections then read as "expired". */
  markConfirmed: () => void;
  /** Called by the query cache on any `unauthenticated` answer. */
  handleUnauthenticated: () => void;
}

const SessionContext = createContext<Session | null>(null);

export const REJECTED = "The cluster rejected this token. Check that you pasted a complete, valid Kubernetes token.";
export const EXPIRED = "Your session has expired or the token was revoked. Sign in again.";

/** Sign-in state for AUTH_MODE=kubernetes; the token itself lives in the TokenStore. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { tokens } = useServices();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string>();
  const confirmed = useRef(false);

  const signIn = useCallback(
    (token: string) => {
      confirmed.current = false;
      setMessage(undefined);
      tokens.set(token);
      void queryClient.resetQueries();
    },
    [tokens, queryClient],
  );
  const signOut = useCallback(() => {
    confirmed.current = false;
    tokens.clear();
    setMessage("You signed out.");
    queryClient.clear();
    void queryClient.invalidateQueries({ queryKey: systemKeys.whoami() });
  }, [tokens, queryClient]);
  const handleUnauthenticated = useCallback(() => {
    if (!tokens.get()) return;
    tokens.clear();
    setMessage(confirmed.current ? EXPIRED : REJECTED);
    confirmed.current = false;
    void queryClient.invalidateQueries({ queryKey: systemKeys.whoami() });
  }, [tokens, queryClient]);
  const markConfirmed = useCallback(() => {
    confirmed.current = true;
  }, []);

  // Any query or mutation answered 401 means the token is gone or bad: back to the sign-in page.
  useEffect(() => {
    const onQuery = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isUnauthenticated(event.action.error)) handleUnauthenticated();
    });
    const onMutation = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isUnauthenticated(event.action.error)) handleUnauthenticated();
    });
    return () => {
      onQuery();
      onMutation();
    };
  }, [queryClient, handleUnauthenticated]);

  const value = useMemo(
    () => ({ message, signIn, signOut, markConfirmed, handleUnauthenticated }),
    [message, signIn, signOut, markConfirmed, handleUnauthenticated],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside SessionProvider");
  return session;
}

export const isUnauthenticated = (error: unknown) => error instanceof ApiError && error.code === "unauthenticated";

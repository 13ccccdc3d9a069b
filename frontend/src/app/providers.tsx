import CssBaseline from "@mui/material/CssBaseline";
import { ThemeProvider } from "@mui/material/styles";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useMemo } from "react";
import { SessionProvider } from "../features/auth/session";
import { ColorModeProvider, useColorMode } from "./color-mode";
import { type AppServices, ServicesProvider } from "./services";
import { buildTheme } from "./theme";

function ThemedRoot({ children }: { children: ReactNode }) {
  const { mode } = useColorMode();
  const theme = useMemo(() => buildTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      {children}
    </ThemeProvider>
  );
}

/** Every context the app needs; tests mount the same tree with their own services and client. */
export function AppProviders({
  services,
  queryClient,
  colorStorage,
  children,
}: {
  services: AppServices;
  queryClient: QueryClient;
  colorStorage?: Storage;
  children: ReactNode;
}) {
  return (
    <ServicesProvider services={services}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <ColorModeProvider {...(colorStorage ? { storage: colorStorage } : {})}>
            <ThemedRoot>{children}</ThemedRoot>
          </ColorModeProvider>
        </SessionProvider>
      </QueryClientProvider>
    </ServicesProvider>
  );
}

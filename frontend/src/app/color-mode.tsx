import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { ColorMode } from "./theme";

export type ColorModePreference = ColorMode | "system";

interface ColorModeState {
  preference: ColorModePreference;
  mode: ColorMode;
  setPreference: (preference: ColorModePreference) => void;
}

const ColorModeContext = createContext<ColorModeState | null>(null);
const STORAGE_KEY = "kubeairunway.colorMode";

function readPreference(storage: Storage | undefined): ColorModePreference {
  const stored = storage?.getItem(STORAGE_KEY);
  return stored === "light" || stored === "dark" || stored === "system" ? stored : "system";
}

function systemMode(): ColorMode {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Holds the light/dark choice; "system" follows the OS. Kept in localStorage (not a secret). */
export function ColorModeProvider({ children, storage }: { children: ReactNode; storage?: Storage }) {
  const [preference, setPreferenceState] = useState<ColorModePreference>(() => readPreference(storage));
  const setPreference = useCallback(
    (next: ColorModePreference) => {
      storage?.setItem(STORAGE_KEY, next);
      setPreferenceState(next);
    },
    [storage],
  );
  const value = useMemo(
    () => ({ preference, mode: preference === "system" ? systemMode() : preference, setPreference }),
    [preference, setPreference],
  );
  return <ColorModeContext.Provider value={value}>{children}</ColorModeContext.Provider>;
}

export function useColorMode(): ColorModeState {
  const value = useContext(ColorModeContext);
  if (!value) throw new Error("useColorMode must be used inside ColorModeProvider");
  return value;
}

import type { CatalogModel, ProviderInfo } from "@kubeairunway/shared";
import { createContext, useContext } from "react";
import type { FieldErrors } from "./validate-form";
import type { WizardForm } from "./wizard-form";

/** What every step reads: the form, a setter, the visible messages per field, and reference data. */
export interface WizardContextValue {
  form: WizardForm;
  update: (changes: Partial<WizardForm>) => void;
  /** Error for a field, shown only once the user has touched it or left its step. */
  errorFor: (path: string, field?: string) => string | undefined;
  /** Non-blocking warning for a field from the render endpoint. */
  warningFor: (path: string) => string | undefined;
  model: CatalogModel | undefined;
  provider: ProviderInfo | undefined;
  providers: ProviderInfo[];
  errors: FieldErrors;
}

export const WizardContext = createContext<WizardContextValue | null>(null);

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error("useWizard must be used inside the deploy wizard");
  return value;
}

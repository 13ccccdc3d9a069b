import TextField, { type TextFieldProps } from "@mui/material/TextField";
import { useWizard } from "../wizard-context";
import type { WizardForm } from "../wizard-form";

type StringKeys = { [K in keyof WizardForm]: WizardForm[K] extends string ? K : never }[keyof WizardForm];

/**
 * A text box bound to one wizard field: its error (or warning) from validation appears right
 * under it, and `path` names the DeploymentConfig field when it differs from the form key.
 */
export function FormField({
  field,
  path,
  help,
  ...props
}: { field: StringKeys; path?: string; help?: string } & Omit<TextFieldProps, "value" | "onChange" | "error">) {
  const { form, update, errorFor, warningFor } = useWizard();
  const error = errorFor(path ?? field, field);
  const warning = error ? undefined : warningFor(path ?? field);
  return (
    <TextField
      size="small"
      {...props}
      value={form[field]}
      onChange={(e) => update({ [field]: e.target.value } as Partial<WizardForm>)}
      error={Boolean(error)}
      helperText={error ?? warning ?? help}
      slotProps={{ ...props.slotProps, formHelperText: { sx: warning && !error ? { color: "warning.main" } : undefined } as object }}
    />
  );
}

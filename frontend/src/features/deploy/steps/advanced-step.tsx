import Stack from "@mui/material/Stack";
import { FormField } from "../components/form-field";
import { useWizard } from "../wizard-context";

/** Step 5: engine arguments, the HuggingFace token Secret, context length, GGUF file. */
export function AdvancedStep() {
  const { form, model } = useWizard();
  return (
    <Stack spacing={2.5}>
      <FormField
        field="engineArgs"
        label="Engine arguments"
        multiline
        minRows={3}
        help="One argument per line, e.g. --max-num-seqs=64. Passed to the engine as argv (no shell)."
        fullWidth
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: "monospace" } } }}
      />
      <Stack direction={{ xs: "column", sm: "row" }} spacing={2}>
        <FormField
          field="hfSecretName"
          path="hfTokenSecret.name"
          label="HuggingFace token Secret"
          help={
            model?.gated
              ? "This model is gated: name a Secret in the namespace holding your HF token"
              : "Secret in the same namespace (optional)"
          }
          sx={{ flex: 1 }}
        />
        <FormField field="hfSecretKey" path="hfTokenSecret.key" label="Key in the Secret" sx={{ flex: 1 }} />
      </Stack>
      <FormField
        field="contextLength"
        label="Context length (tokens)"
        type="number"
        help={model ? `The model supports up to ${model.contextLength}` : "optional"}
      />
      {form.runtime === "kaito" && form.engine === "llamacpp" ? (
        <FormField
          field="ggufFile"
          path="kaito.ggufFile"
          label="GGUF file"
          help={model?.gguf.length ? `e.g. ${model.gguf[0]}` : "e.g. model-Q4_K_M.gguf"}
        />
      ) : null}
    </Stack>
  );
}

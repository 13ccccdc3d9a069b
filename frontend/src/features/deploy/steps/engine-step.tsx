import Alert from "@mui/material/Alert";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import Stack from "@mui/material/Stack";
import { FormField } from "../components/form-field";
import { useWizard } from "../wizard-context";

const ENGINE_LABELS: Record<string, string> = { vllm: "vLLM", sglang: "SGLang", trtllm: "TensorRT-LLM", llamacpp: "llama.cpp" };

/** Step 3: the engine (from the runtime's descriptor) and, where supported, disaggregated serving. */
export function EngineStep() {
  const { form, update, provider, model, errorFor } = useWizard();
  if (!provider) return <Alert severity="info">Choose a runtime first; its engines and modes appear here.</Alert>;
  const engineError = errorFor("engine");
  return (
    <Stack spacing={3}>
      <FormControl error={Boolean(engineError)}>
        <FormLabel id="engine-label">Engine</FormLabel>
        <RadioGroup
          row
          aria-labelledby="engine-label"
          value={form.engine}
          onChange={(e) => update({ engine: e.target.value as typeof form.engine })}
        >
          {provider.engines.map((e) => {
            const unsupported = model ? !model.engines.includes(e) : false;
            return (
              <FormControlLabel
                key={e}
                value={e}
                disabled={unsupported}
                control={<Radio />}
                label={`${ENGINE_LABELS[e] ?? e}${unsupported ? " (not for this model)" : ""}`}
              />
            );
          })}
        </RadioGroup>
        {engineError ? <FormHelperText>{engineError}</FormHelperText> : null}
      </FormControl>
      {provider.modes.length > 1 ? (
        <FormControl>
          <FormLabel id="mode-label">Serving mode</FormLabel>
          <RadioGroup
            row
            aria-labelledby="mode-label"
            value={form.mode}
            onChange={(e) => update({ mode: e.target.value as typeof form.mode })}
          >
            <FormControlLabel value="aggregated" control={<Radio />} label="Aggregated (prefill and decode together)" />
            <FormControlLabel value="disaggregated" control={<Radio />} label="Disaggregated (separate prefill workers)" />
          </RadioGroup>
        </FormControl>
      ) : null}
      {provider.id === "dynamo" ? (
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2}>
          <FormField
            field="dynamoRouter"
            path="dynamo.router"
            label="Router"
            select
            slotProps={{ select: { native: true } }}
            sx={{ minWidth: 200 }}
          >
            <option value="round-robin">Round robin</option>
            <option value="kv">KV-cache aware</option>
          </FormField>
          {form.mode === "disaggregated" ? (
            <>
              <FormField field="prefillReplicas" path="dynamo.prefillReplicas" label="Prefill workers" type="number" />
              <FormField field="prefillGpus" path="dynamo.prefillGpus" label="GPUs per prefill worker" type="number" />
            </>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

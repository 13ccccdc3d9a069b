import {
  type DeploymentConfigInput,
  emptyWizardFields,
  optionalText,
  suggestName,
  type Toleration,
  toConfigInput,
  type WizardFields,
} from "@kubeairunway/shared";

export { suggestName };

/**
 * What the wizard's fields hold: the shared `WizardFields` (numbers stay strings while the user
 * types, an empty box is not 0), plus the rows this UI edits as lists.
 */
export interface WizardForm extends WizardFields {
  nameEdited: boolean;
  nodeSelector: { key: string; value: string }[];
  tolerations: { key: string; operator: "Exists" | "Equal"; value: string; effect: "" | NonNullable<Toleration["effect"]> }[];
  hfSecretKey: string;
}

export const emptyForm = (model = ""): WizardForm => ({
  ...emptyWizardFields(),
  model,
  name: suggestName(model),
  nameEdited: false,
  nodeSelector: [],
  tolerations: [],
  hfSecretKey: "token",
});

/** The wizard's fields as the shared DeploymentConfig input, or undefined until a runtime is picked. */
export function toConfig(f: WizardForm): DeploymentConfigInput | undefined {
  if (!f.runtime) return undefined;
  return {
    ...toConfigInput(f),
    // Rows with no key are rows the user added but has not filled in yet.
    nodeSelector: Object.fromEntries(f.nodeSelector.filter((e) => e.key.trim()).map((e) => [e.key.trim(), e.value.trim()])),
    tolerations: f.tolerations.map((t) => ({
      ...(optionalText(t.key) ? { key: t.key.trim() } : {}),
      operator: t.operator,
      ...(t.operator === "Equal" && optionalText(t.value) ? { value: t.value.trim() } : {}),
      ...(t.effect ? { effect: t.effect } : {}),
    })),
  } as DeploymentConfigInput;
}

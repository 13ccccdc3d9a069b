import { ApiError, catalogQueries, type DeploymentConfigInput, deploymentKeys, deploymentQueries } from "@kubeairunway/shared";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { useApi } from "../../app/services";
import { mergeIssues, messageFor, STEPS, stepOfPath, validateForm } from "./validate-form";
import type { WizardContextValue } from "./wizard-context";
import { emptyForm, suggestName, toConfig, type WizardForm } from "./wizard-form";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * All wizard state: the form, which steps the user has seen (errors show once a step was left),
 * the live render, and the create mutation that lands on the new deployment's page.
 */
export function useDeployWizard(initialModel: string) {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<WizardForm>(() => emptyForm(initialModel));
  const [step, setStepState] = useState(0);
  const [seen, setSeen] = useState<Set<number>>(() => new Set());
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const models = useQuery(catalogQueries.models(api));
  const providers = useQuery(catalogQueries.providers(api));

  const update = useCallback((changes: Partial<WizardForm>) => {
    setTouched((t) => new Set([...t, ...Object.keys(changes)]));
    setForm((f) => {
      const next = { ...f, ...changes };
      if (changes.name !== undefined) next.nameEdited = true;
      if (changes.model !== undefined && !f.nameEdited) next.name = suggestName(changes.model);
      return next;
    });
  }, []);
  const setStep = useCallback(
    (next: number) => {
      setSeen((s) => new Set([...s, step]));
      setStepState(Math.max(0, Math.min(STEPS.length - 1, next)));
    },
    [step],
  );

  const clientErrors = useMemo(() => validateForm(form), [form]);
  const config = useMemo(() => toConfig(form), [form]);
  const debouncedConfig = useDebounced(config, 250);
  const blocked = !debouncedConfig || Object.keys(clientErrors).length > 0;
  const render = useQuery({
    ...deploymentQueries.render(api, debouncedConfig ?? ({} as DeploymentConfigInput)),
    enabled: !blocked,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const create = useMutation({
    mutationFn: (body: DeploymentConfigInput) => api.createDeployment({ body }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: deploymentKeys.lists() });
      navigate(`/deployments/${result.namespace}/${result.name}`);
    },
  });

  const serverIssues = [
    ...(create.error instanceof ApiError ? create.error.fieldIssues : []),
    ...(render.error instanceof ApiError ? render.error.fieldIssues : []),
  ];
  const errors = mergeIssues(clientErrors, serverIssues);
  const showAll = seen.has(STEPS.length - 1) || create.isError;
  // A field's error shows once it was edited, once its step was left, or after "Create".
  const errorFor = (path: string, field?: string) =>
    showAll || seen.has(stepOfPath(path)) || touched.has(field ?? path.split(".")[0] ?? "") ? messageFor(errors, path) : undefined;
  const warnings = render.data?.warnings ?? [];
  const warningFor = (path: string) => warnings.find((w) => w.path === path || w.path.startsWith(`${path}.`))?.message;

  const submit = () => {
    setSeen(new Set(STEPS.map((_, i) => i)));
    const firstBad = Object.keys(clientErrors)[0];
    if (firstBad !== undefined || !config) {
      setStepState(stepOfPath(firstBad ?? "runtime"));
      return;
    }
    create.mutate(config);
  };

  const model = models.data?.items.find((m) => m.id === form.model);
  const providerList = providers.data?.items ?? [];
  const context: WizardContextValue = {
    form,
    update,
    errorFor,
    warningFor,
    model,
    provider: providerList.find((p) => p.id === form.runtime),
    providers: providerList,
    errors,
  };
  const stepHasErrors = (i: number) => (seen.has(i) || showAll) && Object.keys(errors).some((p) => stepOfPath(p) === i);
  return { context, step, setStep, stepHasErrors, render, blocked, create, submit, providers, warnings };
}

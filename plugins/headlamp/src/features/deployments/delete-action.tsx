import { K8s, Router } from "@kinvolk/headlamp-plugin/lib";
import { ConfirmDialog } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import type { RuntimeId } from "@kubeairunway/shared/schemas/common";
import { Alert, Button } from "@mui/material";
import { useState } from "react";
import { useHistory } from "react-router-dom";
import { headlampRequest } from "../../kube/headlamp-request";
import { deleteDeployment } from "../../kube/remove";
import { ROUTES } from "../../routes";
import { runtimes } from "../../runtimes";

/** Delete with confirmation, as the user; the apiserver's refusal is shown as it said it. */
export function DeleteAction({ runtime, namespace, name }: { runtime: RuntimeId; namespace: string; name: string }) {
  const cluster = K8s.useCluster();
  const history = useHistory();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const kind = runtimes[runtime].descriptor.crd.kind;

  const confirm = async () => {
    setOpen(false);
    try {
      await deleteDeployment(headlampRequest(cluster), runtime, namespace, name);
      history.push(Router.createRouteURL(ROUTES.deployments.name, { cluster: cluster ?? undefined }));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <>
      <Button color="error" variant="outlined" onClick={() => setOpen(true)}>
        Delete
      </Button>
      {error && <Alert severity="error">Delete failed: {error}</Alert>}
      <ConfirmDialog
        open={open}
        title={`Delete ${name}?`}
        description={`This deletes the ${kind} ${namespace}/${name} and everything its operator created for it (pods, Services). Clients using it will fail.`}
        confirmLabel="Delete"
        onConfirm={confirm}
        handleClose={() => setOpen(false)}
      />
    </>
  );
}

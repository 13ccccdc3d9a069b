import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import TextField from "@mui/material/TextField";
import { useState } from "react";
import { ErrorState } from "../../../components/ui/error-state";

interface Props {
  open: boolean;
  name: string;
  namespace: string;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Deleting stops serving at once, so the user types the name to confirm. */
export function DeleteDialog({ open, name, namespace, pending, error, onCancel, onConfirm }: Props) {
  const [typed, setTyped] = useState("");
  const matches = typed === name;
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="delete-title" fullWidth maxWidth="sm">
      <DialogTitle id="delete-title">Delete {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          This deletes the deployment <strong>{name}</strong> in namespace <strong>{namespace}</strong> and its pods. Requests to its
          endpoint stop at once. Type <strong>{name}</strong> to confirm.
        </DialogContentText>
        <TextField
          label="Deployment name"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          fullWidth
          autoFocus
          autoComplete="off"
          onKeyDown={(e) => {
            if (e.key === "Enter" && matches && !pending) onConfirm();
          }}
        />
        {error ? (
          <div style={{ marginTop: 16 }}>
            <ErrorState title="Could not delete" error={error} />
          </div>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button color="error" variant="contained" disabled={!matches || pending} onClick={onConfirm}>
          {pending ? "Deleting…" : "Delete"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type FormEvent, useState } from "react";

/**
 * Sign-in for AUTH_MODE=kubernetes: paste a Kubernetes bearer token (a ServiceAccount token from
 * `kubectl create token <sa>`, or your OIDC id token). It stays in this tab's sessionStorage.
 */
export function LoginPage({ message, onSignIn }: { message: string | undefined; onSignIn: (token: string) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (!trimmed) {
      setError("Paste a token first.");
      return;
    }
    if (/\s/.test(trimmed)) {
      setError("A token has no spaces or line breaks; check that you copied only the token.");
      return;
    }
    onSignIn(trimmed);
  };
  return (
    <Box component="main" sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "background.default", p: 2 }}>
      <Card sx={{ width: "100%", maxWidth: 520 }}>
        <CardContent component="form" onSubmit={submit} noValidate sx={{ display: "grid", gap: 2 }}>
          <Typography variant="h1">Sign in to KubeAIRunway</Typography>
          <Typography variant="body2" color="text.secondary">
            This backend checks every request against Kubernetes RBAC. Paste a Kubernetes token, for example the output of{" "}
            <code>kubectl create token &lt;service-account&gt;</code>. It is kept only in this browser tab.
          </Typography>
          {message ? (
            <Alert severity={message.startsWith("You signed out") ? "info" : "error"} role="alert">
              {message}
            </Alert>
          ) : null}
          <TextField
            label="Kubernetes token"
            value={token}
            onChange={(e) => {
              setToken(e.target.value);
              setError(undefined);
            }}
            type="password"
            autoComplete="off"
            autoFocus
            error={Boolean(error)}
            helperText={error ?? "Sent as an Authorization: Bearer header; never stored on disk."}
            slotProps={{ htmlInput: { "data-testid": "token-input", spellCheck: false } }}
          />
          <Button type="submit" variant="contained" size="large">
            Sign in
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}

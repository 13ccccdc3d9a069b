import Alert from "@mui/material/Alert";
import { useEffect, useState } from "react";
import { useServices } from "../../app/services";
import { useLiveStatus } from "./live-status";

/**
 * A clear banner while the backend cannot be reached (the live stream is down). It appears after
 * a short grace period so a normal reconnect does not flash it, and disappears on recovery.
 */
export function ConnectionBanner({ graceMs = 1500 }: { graceMs?: number }) {
  const { live } = useServices();
  const status = useLiveStatus(live);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (status.state !== "disconnected") {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), Math.max(0, graceMs - (Date.now() - status.since)));
    return () => clearTimeout(timer);
  }, [status, graceMs]);
  if (!visible || status.state !== "disconnected") return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="connection-banner">
      Cannot reach the KubeAIRunway backend ({status.message}). Live updates are paused; reconnecting automatically.
    </Alert>
  );
}

import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorState } from "./error-state";

interface BoundaryProps {
  feature: string;
  onReset: () => void;
  children: ReactNode;
}

class Boundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo) {
    // React already reports the error in development; nothing else to record in the browser.
  }

  reset = () => {
    this.props.onReset();
    this.setState({ error: undefined });
  };

  override render() {
    if (this.state.error !== undefined) {
      return <ErrorState title={`${this.props.feature} failed to render`} error={this.state.error} onRetry={this.reset} />;
    }
    return this.props.children;
  }
}

/**
 * Contains a crash to one feature (a page or a panel): the rest of the app keeps working, and
 * "Retry" resets both the boundary and the failed queries below it.
 */
export function FeatureBoundary({ feature, children }: { feature: string; children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary feature={feature} onReset={reset}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}

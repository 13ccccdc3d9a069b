import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { Provider } from "react-redux";
import { MemoryRouter as MemoryRouterV5, Router as RouterV5, Route as RouteV5 } from "react-router-dom";

// @types/react-router-dom 5 resolves its own @types/react; its class types do not fit React 18's JSX types.
const MemoryRouter = MemoryRouterV5 as unknown as (props: { children: ReactNode; initialEntries?: string[] }) => ReactNode;
const Route = RouteV5 as unknown as (props: { children: ReactNode; path: string }) => ReactNode;
export const Router = RouterV5 as unknown as (props: { children: ReactNode; history: unknown }) => ReactNode;

/**
 * Renders a plugin page the way Headlamp mounts it: inside a router (at `path`, matched by
 * `route` so `useParams` works) and a Redux store holding Headlamp's namespace filter.
 */
export function renderPage(ui: ReactNode, options: { namespaces?: string[]; path?: string; route?: string } = {}) {
  const state = { filter: { namespaces: new Set(options.namespaces ?? []) } };
  const store = { getState: () => state, subscribe: () => () => {}, dispatch: (a: unknown) => a };
  return render(
    <Provider store={store as never}>
      <MemoryRouter initialEntries={[options.path ?? "/"]}>
        <Route path={options.route ?? "/"}>{ui}</Route>
      </MemoryRouter>
    </Provider>,
  );
}

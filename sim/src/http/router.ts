/**
 * Splits a Kubernetes REST path into its parts (apiserver request-info rules):
 * `/api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>[/<rest>]]]` and the same under
 * `/apis/<group>/<version>`. Anything else is a non-resource path.
 */

export interface ResourceRoute {
  type: "resource";
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** Remainder after the subresource (proxy paths), without a leading slash; "" when the path ends at the subresource. */
  subpath?: string;
}

export interface NonResourceRoute {
  type: "nonresource";
  path: string;
}

export type Route = ResourceRoute | NonResourceRoute;

/** Parses `pathname` (already URL-decoded per segment) into a route. */
export function parseRoute(pathname: string): Route {
  const segments = pathname.split("/").slice(1);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === "api" && segments.length >= 3 && segments[1]) {
    group = "";
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === "apis" && segments.length >= 4 && segments[1] && segments[2]) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else return { type: "nonresource", path: pathname };
  // A trailing slash (`pods/`, `proxy/`) does not change what is addressed; proxies read the raw path.
  if (rest.length > 1 && rest[rest.length - 1] === "") rest = rest.slice(0, -1);
  if (rest.length === 0 || rest[0] === "") return { type: "nonresource", path: pathname };

  let namespace: string | undefined;
  // namespaces/<ns>/<resource>... (but namespaces/<name>/status|finalize is the namespace's own subresource)
  if (rest[0] === "namespaces" && rest.length >= 3 && rest[2] !== "status" && rest[2] !== "finalize") {
    namespace = decodeURIComponent(rest[1] as string);
    rest = rest.slice(2);
  }
  const route: ResourceRoute = { type: "resource", group, version, resource: rest[0] as string };
  if (namespace !== undefined) route.namespace = namespace;
  if (rest.length >= 2) route.name = decodeURIComponent(rest[1] as string);
  if (rest.length >= 3) route.subresource = rest[2] as string;
  if (rest.length >= 4) {
    route.subpath = rest.slice(3).join("/");
  } else if (route.subresource !== undefined) route.subpath = "";
  return route;
}

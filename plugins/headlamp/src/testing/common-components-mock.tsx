/**
 * Plain-HTML stand-ins for Headlamp's CommonComponents, used with
 * `vi.mock('@kinvolk/headlamp-plugin/lib/CommonComponents', () => import('../testing/common-components-mock'))`
 * the way the official plugins test. They render the props a user would see.
 */
import type { ReactNode } from "react";

type Props = { children?: ReactNode; [key: string]: unknown };

export function SectionBox({ title, children }: Props) {
  return (
    <section>
      {title ? <h2>{title as ReactNode}</h2> : null}
      {children}
    </section>
  );
}

interface Column {
  label: string;
  getter?: (row: unknown) => ReactNode;
  datum?: string;
}

export function SimpleTable({ columns, data, emptyMessage, errorMessage }: Props) {
  const rows = (data as Record<string, unknown>[] | null) ?? [];
  if (errorMessage) return <p role="alert">{errorMessage as string}</p>;
  if (rows.length === 0) return <p>{(emptyMessage as string) ?? "No data"}</p>;
  const cols = columns as Column[];
  return (
    <table>
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c.label}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: test stand-in, rows have no stable id here
          <tr key={i}>
            {cols.map((c) => (
              <td key={c.label}>{c.getter ? c.getter(row) : String(row[c.datum ?? ""] ?? "")}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatusLabel({ status, children }: Props) {
  return <span data-status={status as string}>{children}</span>;
}

export function Link({ routeName, params, children }: Props) {
  return (
    <a href={`#${routeName as string}:${JSON.stringify(params ?? {})}`} data-route={routeName as string}>
      {children}
    </a>
  );
}

export function Loader({ title }: Props) {
  return <p>{(title as string) ?? "Loading"}</p>;
}

export function NameValueTable({ rows }: Props) {
  return (
    <dl>
      {(rows as { name: ReactNode; value: ReactNode }[]).map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: test stand-in
        <div key={i}>
          <dt>{r.name}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ConfirmDialog({ open, title, description, onConfirm, handleClose, confirmLabel }: Props) {
  if (!open) return null;
  return (
    <div role="dialog" aria-label={title as string}>
      <p>{description as ReactNode}</p>
      <button type="button" onClick={() => (onConfirm as () => void)()}>
        {(confirmLabel as string) ?? "Confirm"}
      </button>
      <button type="button" onClick={() => (handleClose as () => void)()}>
        Cancel
      </button>
    </div>
  );
}

export function ConditionsTable({ resource }: Props) {
  const conditions = ((resource as { status?: { conditions?: { type: string; status: string }[] } })?.status?.conditions ?? []).map(
    (c) => `${c.type}=${c.status}`,
  );
  return <p data-testid="conditions">{conditions.join(", ")}</p>;
}

export function DateLabel({ date }: Props) {
  return <time>{String(date)}</time>;
}

export function EmptyContent({ children }: Props) {
  return <p>{children}</p>;
}

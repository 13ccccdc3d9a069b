import type { DeploymentMetrics } from "@kubeairunway/shared";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import { useTheme } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SeriesSpec {
  key: string;
  label: string;
}

/** Joins several series (each `{t, v}[]`) into rows keyed by time, the shape recharts plots. */
export function joinSeries(series: DeploymentMetrics["series"], specs: SeriesSpec[]): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  for (const spec of specs) {
    for (const sample of series[spec.key] ?? []) {
      const row = rows.get(sample.t) ?? { t: sample.t };
      row[spec.key] = sample.v;
      rows.set(sample.t, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
}

const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** One line chart of a few related series, with a text summary for screen readers. */
export function MetricChart({
  title,
  unit,
  series,
  specs,
}: {
  title: string;
  unit: string;
  series: DeploymentMetrics["series"];
  specs: SeriesSpec[];
}) {
  const theme = useTheme();
  const data = joinSeries(series, specs);
  const colors = [theme.palette.primary.main, theme.palette.warning.main, theme.palette.success.main];
  return (
    <Card component="figure" sx={{ m: 0 }} aria-label={title}>
      <CardContent>
        <Typography variant="h3" component="figcaption" sx={{ mb: 1 }}>
          {title}{" "}
          <Typography component="span" variant="caption" color="text.secondary">
            ({unit})
          </Typography>
        </Typography>
        {data.length < 2 ? (
          <Typography variant="body2" color="text.secondary">
            Collecting samples… a chart appears after two scrapes.
          </Typography>
        ) : (
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
              <XAxis dataKey="t" tickFormatter={time} stroke={theme.palette.text.secondary} fontSize={11} minTickGap={40} />
              <YAxis stroke={theme.palette.text.secondary} fontSize={11} />
              <Tooltip
                labelFormatter={(t) => time(Number(t))}
                contentStyle={{ background: theme.palette.background.paper, border: `1px solid ${theme.palette.divider}` }}
              />
              <Legend />
              {specs.map((s, i) => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={colors[i % colors.length]}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </CardContent>
    </Card>
  );
}

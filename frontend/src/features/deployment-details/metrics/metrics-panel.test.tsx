import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApp } from "../../../test/render";
import { joinSeries } from "./metric-chart";
import { MetricsPanel } from "./metrics-panel";

const current = {
  generationTokensPerSecond: 325.61,
  promptTokensPerSecond: null,
  requestsRunning: 5,
  requestsWaiting: 1,
  kvCacheUsage: 0.305,
  ttftP50Seconds: 0.12,
  ttftP95Seconds: 0.4,
  e2eP50Seconds: null,
  e2eP95Seconds: null,
};

describe("metrics panel", () => {
  it("shows the current rates, load and latency, with dashes for what is not known yet", async () => {
    renderWithApp(<MetricsPanel namespace="team-a" name="qwen" />, {
      handlers: { deploymentMetrics: () => ({ available: true, engine: "vllm", current, series: { requestsRunning: [{ t: 1, v: 5 }] } }) },
    });
    expect(await screen.findByText("325.6")).toBeInTheDocument();
    expect(screen.getByText("5 / 1")).toBeInTheDocument();
    expect(screen.getByText("31%")).toBeInTheDocument();
    expect(screen.getByText("0.12 / 0.40")).toBeInTheDocument();
    expect(screen.getByText("— / —")).toBeInTheDocument();
    expect(screen.getAllByText(/a chart appears after two scrapes/)).toHaveLength(3);
  });

  it("says why metrics are missing", async () => {
    renderWithApp(<MetricsPanel namespace="team-a" name="qwen" />, {
      handlers: {
        deploymentMetrics: () => ({
          available: false,
          message: "no engine pod is ready yet",
          current: { ...current, generationTokensPerSecond: null },
          series: {},
        }),
      },
    });
    expect(await screen.findByText("no engine pod is ready yet")).toBeInTheDocument();
  });

  it("joins series by time for plotting", () => {
    expect(
      joinSeries(
        {
          a: [
            { t: 2, v: 20 },
            { t: 1, v: 10 },
          ],
          b: [{ t: 2, v: 5 }],
        },
        [
          { key: "a", label: "A" },
          { key: "b", label: "B" },
        ],
      ),
    ).toEqual([
      { t: 1, a: 10 },
      { t: 2, a: 20, b: 5 },
    ]);
  });
});

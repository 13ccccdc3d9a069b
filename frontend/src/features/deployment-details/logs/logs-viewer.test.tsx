import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { type MockRequest, sseResponse } from "../../../test/fetch-mock";
import { aDeploymentDetail } from "../../../test/fixtures";
import { renderWithApp } from "../../../test/render";
import { LogsViewer } from "./logs-viewer";

const pods = aDeploymentDetail().pods;

function setup() {
  const streams: { req: MockRequest; stream: ReturnType<typeof sseResponse> }[] = [];
  const oneShots: MockRequest[] = [];
  const view = renderWithApp(<LogsViewer namespace="team-a" name="qwen" pods={pods} />, {
    handlers: {
      deploymentLogs: (req) => {
        if (req.query.get("follow") === "true") {
          const stream = sseResponse();
          streams.push({ req, stream });
          return stream.response;
        }
        oneShots.push(req);
        const previous = req.query.get("previous") === "true";
        return {
          pod: req.query.get("pod") ?? "",
          container: req.query.get("container") ?? "",
          lines: previous ? ["INFO previous run", "ERROR CUDA out of memory"] : ["INFO loaded"],
        };
      },
    },
  });
  return { ...view, streams, oneShots, user: userEvent.setup() };
}

const log = () => screen.getByRole("log", { name: "Container log" });

describe("logs viewer", () => {
  it("follows the first pod's first container live over server-sent events", async () => {
    const { streams } = setup();
    await waitFor(() => expect(streams).toHaveLength(1));
    const first = streams[0];
    expect(first?.req.query.get("pod")).toBe("qwen-0");
    expect(first?.req.query.get("container")).toBe("engine");
    expect(first?.req.query.get("tailLines")).toBe("100");
    act(() => {
      first?.stream.send(JSON.stringify({ pod: "qwen-0", container: "engine" }), "target");
      first?.stream.send("INFO Starting vLLM engine");
    });
    expect(await within(log()).findByText("INFO Starting vLLM engine")).toBeInTheDocument();
    expect(screen.getByText("Streaming")).toBeInTheDocument();
    act(() => first?.stream.send("WARNING slow tokenizer"));
    expect(await within(log()).findByText("WARNING slow tokenizer")).toBeInTheDocument();
  });

  it("holds new lines while paused and shows them on resume", async () => {
    const { streams, user } = setup();
    await waitFor(() => expect(streams).toHaveLength(1));
    act(() => streams[0]?.stream.send("line one"));
    await within(log()).findByText("line one");
    await user.click(screen.getByRole("button", { name: "Pause" }));
    act(() => streams[0]?.stream.send("line two"));
    expect(await screen.findByText("1 new lines held while paused")).toBeInTheDocument();
    expect(within(log()).queryByText("line two")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Resume" }));
    expect(await within(log()).findByText("line two")).toBeInTheDocument();
  });

  it("reopens the stream for another pod, container and tail length", async () => {
    const { streams, user } = setup();
    await waitFor(() => expect(streams).toHaveLength(1));
    await user.click(screen.getByRole("combobox", { name: "Container" }));
    await user.click(await screen.findByRole("option", { name: "sidecar" }));
    await waitFor(() => expect(streams.at(-1)?.req.query.get("container")).toBe("sidecar"));
    await user.click(screen.getByRole("combobox", { name: "Pod" }));
    await user.click(await screen.findByRole("option", { name: "qwen-1" }));
    await waitFor(() => expect(streams.at(-1)?.req.query.get("pod")).toBe("qwen-1"));
    expect(streams.at(-1)?.req.query.get("container")).toBe("engine");
    await user.click(screen.getByRole("combobox", { name: "Tail lines" }));
    await user.click(await screen.findByRole("option", { name: "1000" }));
    await waitFor(() => expect(streams.at(-1)?.req.query.get("tailLines")).toBe("1000"));
  });

  it("reads the previous container once, without following, and marks its errors", async () => {
    const { oneShots, user } = setup();
    await user.click(screen.getByRole("switch", { name: "Previous container" }));
    await waitFor(() => expect(oneShots.at(-1)?.query.get("previous")).toBe("true"));
    expect(screen.getByRole("switch", { name: "Follow" })).toBeDisabled();
    const errorLine = await within(log()).findByText("ERROR CUDA out of memory");
    expect(errorLine.closest("[data-level]")).toHaveAttribute("data-level", "error");
    await user.click(screen.getByRole("switch", { name: "Errors and warnings only" }));
    expect(within(log()).queryByText("INFO previous run")).not.toBeInTheDocument();
  });

  it("highlights search matches and counts the matching lines", async () => {
    const { streams, user } = setup();
    await waitFor(() => expect(streams).toHaveLength(1));
    act(() => {
      streams[0]?.stream.send("Loading model weights");
      streams[0]?.stream.send("model loaded in 3.2s");
      streams[0]?.stream.send("Uvicorn running");
    });
    await within(log()).findByText("Uvicorn running");
    await user.type(screen.getByRole("textbox", { name: "Search logs" }), "model");
    expect(await screen.findByText(/2 lines match/)).toBeInTheDocument();
    expect(log().querySelectorAll("mark")).toHaveLength(2);
  });

  it("reports a stream that the server ends with an error event", async () => {
    const { streams } = setup();
    await waitFor(() => expect(streams).toHaveLength(1));
    act(() => {
      streams[0]?.stream.send(JSON.stringify({ code: "forbidden", message: "pods/log is forbidden for alice" }), "error");
      streams[0]?.stream.close();
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("forbidden");
    expect(alert).toHaveTextContent("pods/log is forbidden for alice");
  });
});

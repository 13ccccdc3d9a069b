import { describe, expect, it } from "vitest";
import { classifyLine, splitMatches } from "./classify-line";

describe("classifyLine", () => {
  it("recognises engine error lines", () => {
    expect(classifyLine("ERROR 01-01 12:00:00 engine.py:10] CUDA out of memory")).toBe("error");
    expect(classifyLine("Traceback (most recent call last):")).toBe("error");
  });
  it("recognises warnings", () => {
    expect(classifyLine("WARNING 01-01 gpu_executor.py] max_num_seqs is large")).toBe("warning");
  });
  it("leaves ordinary lines alone", () => {
    expect(classifyLine("INFO 01-01 Uvicorn running on http://0.0.0.0:8000")).toBeUndefined();
  });
});

describe("splitMatches", () => {
  it("marks every case-insensitive occurrence", () => {
    expect(splitMatches("Loading model, model loaded", "MODEL")).toEqual([
      { text: "Loading ", match: false },
      { text: "model", match: true },
      { text: ", ", match: false },
      { text: "model", match: true },
      { text: " loaded", match: false },
    ]);
  });
});

import { ConfigStore } from "@kinvolk/headlamp-plugin/lib";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { PLUGIN_NAME } from "../../plugin-name";
import { SettingsPage } from "./settings-page";

vi.mock("@kinvolk/headlamp-plugin/lib", () => import("../../testing/headlamp-lib-mock"));
vi.mock("@kinvolk/headlamp-plugin/lib/CommonComponents", () => import("../../testing/common-components-mock"));

describe("the plugin's Settings route", () => {
  it("saves the per-cluster backend location in Headlamp's ConfigStore under the plugin's name", () => {
    render(<SettingsPage />);
    fireEvent.click(screen.getByLabelText("Development URL (plain fetch)"));
    fireEvent.change(screen.getByLabelText("Development URL"), { target: { value: "http://localhost:3001" } });
    expect(new ConfigStore(PLUGIN_NAME).get()).toEqual({ "test-cluster": { mode: "url", url: "http://localhost:3001" } });
  });
});

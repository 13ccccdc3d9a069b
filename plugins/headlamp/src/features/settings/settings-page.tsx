import { SectionBox } from "@kinvolk/headlamp-plugin/lib/CommonComponents";
import { settingsStore } from "../../backend/settings-store";
import { BackendSettings } from "./backend-settings";

/** The plugin's own Settings route: the same form as Headlamp's plugin settings, saved as you type. */
export function SettingsPage() {
  const store = settingsStore();
  const data = store.useConfig()();
  return (
    <SectionBox title="KubeAIRunway settings">
      <BackendSettings data={data} onDataChange={(next) => store.set(next)} />
    </SectionBox>
  );
}

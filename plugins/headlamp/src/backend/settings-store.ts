import { ConfigStore } from "@kinvolk/headlamp-plugin/lib";
import { PLUGIN_NAME } from "../plugin-name";
import type { PluginSettings } from "./locate";

/** The plugin's settings in Headlamp's ConfigStore (persisted per browser), keyed by cluster. */
export function settingsStore(): ConfigStore<PluginSettings> {
  return new ConfigStore<PluginSettings>(PLUGIN_NAME);
}

/**
 * The npm package name. Headlamp attaches plugin settings and the ConfigStore by this exact name,
 * so it must equal package.json's `name` (a test holds them together).
 */
export const PLUGIN_NAME = "kubeairunway-headlamp-plugin";

import { contract } from "@kubeairunway/shared";
import type { Hono } from "hono";
import { searchCatalog } from "../services/catalog/catalog";
import type { AppEnv } from "../types";
import { register } from "./register";

export function modelRoutes(app: Hono<AppEnv>): void {
  register(app, contract.listModels, ({ query }) => ({ items: searchCatalog(query) }));
}

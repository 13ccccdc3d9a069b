# KubeAIRunway — every target works on a fresh Debian machine with only Node 20 + npm:
# Bun is installed from the npm registry into .tools/ when it is not on PATH.
SHELL := /bin/bash
.DEFAULT_GOAL := help
BUN := $(shell scripts/ensure-bun.sh)
export PATH := $(dir $(BUN)):$(PATH)

.PHONY: help install demo sim test lint typecheck build build-frontend build-plugin bench clean manifests docs

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

node_modules/.install-stamp: package.json bun.lock shared/package.json backend/package.json sim/package.json frontend/package.json plugins/headlamp/package.json
	$(BUN) install --frozen-lockfile
	@touch $@

install: node_modules/.install-stamp ## Install dependencies (Bun workspaces)

demo: install build-frontend ## Start the simulated cluster + backend + SPA on http://127.0.0.1:3001
	$(BUN) scripts/demo.ts

sim: install ## Start only the simulated cluster (demo seed) on :6443, kubeconfig in .demo/kubeconfig
	$(BUN) sim/src/cli.ts --seed demo --port 6443 --kubeconfig-out .demo/kubeconfig

test: install ## Run every suite; ends with one line "N passed, N failed"
	$(BUN) scripts/test-all.ts

lint: install ## Biome lint + format check, and type-check every package
	$(BUN) scripts/test-all.ts lint 'typecheck:*'

build-frontend: install
	@if [ -f frontend/index.html ]; then cd frontend && $(BUN) x vite build; else echo "frontend not built yet (no frontend/index.html)"; fi

build-plugin: install
	cd plugins/headlamp && $(BUN) run package

build: install build-frontend build-plugin ## Build the SPA, the Headlamp plugin tarball and the single binary dist/kubeairunway (SPA embedded)
	scripts/build-binary.sh

manifests: ## Render the Helm chart with defaults into deploy/manifests/kubeairunway.yaml
	scripts/render-manifests.sh

docs: install ## Regenerate docs/api.md (from the contract) and the configuration reference in docs/operations.md
	$(BUN) scripts/gen-api-docs.ts
	$(BUN) scripts/config-docs.ts

bench: install ## Run the benchmarks against the simulated cluster and print their tables
	$(BUN) scripts/bench.ts

clean: ## Remove build output and test reports
	rm -rf frontend/dist plugins/headlamp/dist dist .test-results .demo

# Verbs for working on Junction. Every target is a thin wrapper over dotnet/kubectl.
DOTNET ?= dotnet
JUNCTION = $(DOTNET) run --project Operator --
IMG ?= junction:latest
INIT_IMG ?= junction-init:latest

.PHONY: build test run render crds bench image deploy undeploy ci

build:
	$(DOTNET) build Operator.sln -warnaserror

test:
	$(DOTNET) test Operator.sln

# Runs the operator against an in-memory API server with the samples applied.
run:
	$(JUNCTION) run --local --kubeconfig .junction/kubeconfig

render:
	$(JUNCTION) render -f samples/

crds:
	$(JUNCTION) crds --output-dir crds

bench:
	$(DOTNET) run -c Release --project Benchmarks -- --filter '*'
	$(DOTNET) run -c Release --project Benchmarks -- traffic
	$(DOTNET) run -c Release --project Benchmarks -- reconcile

# The operator image (needs a Docker engine; none runs on the development machines).
image:
	docker build -t $(IMG) .
	docker build --target init -t $(INIT_IMG) .

deploy:
	kubectl apply -k config/default

undeploy:
	kubectl delete -k config/default --ignore-not-found

ci:
	bash .ci/run

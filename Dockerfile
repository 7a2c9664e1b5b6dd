# The operator image: the junction binary, self-contained, on a chiseled (distroless) base.
# Only the projects the operator is built from are copied in; tests and benchmarks stay out.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer: changes only when a project file or package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Operator/Operator.csproj Operator/
COPY Runtime/Runtime.csproj Runtime/
COPY ApiServer/ApiServer.csproj ApiServer/
RUN dotnet restore Operator/Operator.csproj -r linux-x64
COPY Operator/ Operator/
COPY Runtime/ Runtime/
COPY ApiServer/ ApiServer/
RUN dotnet publish Operator/Operator.csproj -c Release -r linux-x64 --self-contained true --no-restore -o /out

# junction-agent, NativeAOT: agent-mode gateway pods copy it out of this image (init container
# install-agent) and run it beside HAProxy. NativeAOT links with clang against zlib.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS agent
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Agent/ Agent/
RUN dotnet publish Agent/Agent.csproj -c Release -r linux-x64 -p:PublishAot=true -o /agent

# junction-init (docker build --target init -t junction-init .): the same binary on a base with
# iptables, for the init container of injected pods (junction init-net). It runs as root with
# NET_ADMIN and NET_RAW and exits; the nft backend needs no lock file on the read-only root.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble AS init
RUN apt-get update && apt-get install -y --no-install-recommends iptables && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out .
ENTRYPOINT ["/app/junction"]
CMD ["init-net"]

# The operator (the default target): distroless, non-root.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /out .
COPY --from=agent /agent/junction-agent /usr/local/bin/junction-agent
USER 65532:65532
ENTRYPOINT ["/app/junction"]
CMD ["run"]

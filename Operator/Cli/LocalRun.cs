using Junction.ApiServer;
using Junction.Crds;
using System.Net;
using Junction.Hosting;
using Junction.Hosting.Local;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Cli;

/// <summary>
/// junction run --local: an in-memory API server with the CRD installed and the samples applied,
/// a kubeconfig for kubectl, the missing controllers played, and the operator reconciling it all.
/// </summary>
internal static class LocalRun
{
    /// <summary>Runs until <paramref name="ct"/> is cancelled; returns the exit code.</summary>
    public static async Task<int> RunAsync(RunArguments args, CliConsole console, ILoggerFactory loggers, CancellationToken ct)
    {
        var binaries = args.Proxies ? ProxyBinaries(args) : default;
        // Deployments get ReplicaSets and Pods (through admission, so injection shows), pods run after a moment.
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { SimulateWorkloads = true, PodStartDelay = LocalControllers.RolloutDelay }, ct).ConfigureAwait(false);
        var kubeconfig = server.WriteKubeconfig(args.Kubeconfig ?? DefaultKubeconfigPath());
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString().TrimEnd('/') });
        await InstallCrdAsync(client, ct).ConfigureAwait(false);

        var options = RunCommandOptions.ForLocal(args);
        var host = new OperatorHost(options, client, loggers, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var operatorRun = host.RunAsync(stop.Token);
        var controllers = new LocalControllers(server, client, TimeProvider.System).RunAsync(stop.Token);
        LocalDnsServer? dns = null;
        LocalProxies? proxies = null;
        var proxiesRun = Task.CompletedTask;
        try
        {
            await Task.WhenAny(host.CachesSynced, operatorRun).WaitAsync(ct).ConfigureAwait(false);
            if (operatorRun.IsCompleted)
            {
                // It stopped before its caches synced (a bind address in use, say): report why.
                await operatorRun.ConfigureAwait(false);
            }

            if (args.Proxies)
            {
                dns = LocalDnsServer.Start(new IPEndPoint(IPAddress.Loopback, 0));
                var proxyOptions = await ProxyOptionsAsync(host, binaries, dns, Path.GetDirectoryName(kubeconfig)!, ct).ConfigureAwait(false);
                var proxyLogger = loggers.CreateLogger<LocalProxies>();
                var feed = LocalDnsFeed.Follow(host.Informers.Services, dns, problem => LocalProxiesLog.BadEndpoints(proxyLogger, problem));
                proxies = new LocalProxies(client, proxyOptions, feed, TimeProvider.System, proxyLogger, line => console.Out.WriteLine(line));
                proxiesRun = proxies.RunAsync(stop.Token);
            }

            await RegisterInjectorAsync(host, client, options.OperatorNamespace, ct).ConfigureAwait(false);
            var applied = await ApplySamplesAsync(args, client, ct).ConfigureAwait(false);
            await PrintNextStepsAsync(console.Out, server, kubeconfig, applied, host, args.Proxies).ConfigureAwait(false);
            await SettleAsync(host, ct).ConfigureAwait(false);
            // Last and plain, after the start-up logs: the one line a newcomer has to copy.
            await console.Out.WriteLineAsync($"Started. For kubectl in another terminal:\nexport KUBECONFIG={kubeconfig}").ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM, at any point of the start-up too: an ordinary stop, exit 0.
        }
        finally
        {
            if (ct.IsCancellationRequested)
            {
                await console.Out.WriteLineAsync("Stopping: finishing in-flight reconciles...").ConfigureAwait(false);
            }

            await stop.CancelAsync().ConfigureAwait(false);
            // The proxies first, as a node drains its pods before the control plane goes away.
            await proxiesRun.ConfigureAwait(false);
            if (proxies is not null)
            {
                await console.Out.WriteLineAsync("Stopping the local proxies...").ConfigureAwait(false);
                await proxies.DisposeAsync().ConfigureAwait(false);
            }

            if (dns is not null)
            {
                await dns.DisposeAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(operatorRun, controllers).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }

        // A failure of the operator itself still shows (as one line, by the dispatcher).
        await Task.WhenAll(operatorRun, controllers).ConfigureAwait(false);
        return 0;
    }

    private static (string Agent, string HAProxy) ProxyBinaries(RunArguments args)
    {
        var haproxy = LocalProxyBinaries.OnPath("haproxy", Environment.GetEnvironmentVariable("PATH"))
            ?? throw new UsageException("--proxies needs haproxy on PATH (apt-get install haproxy)");
        var agent = LocalProxyBinaries.Agent(args.AgentPath, AppContext.BaseDirectory, Environment.GetEnvironmentVariable("PATH"))
            ?? throw new UsageException(args.AgentPath is not null
                ? $"--agent: \"{args.AgentPath}\" does not exist"
                : "--proxies needs junction-agent: beside junction, in .artifacts/agent/ of the checkout (dotnet publish Agent -c Release -r linux-x64 -p:PublishAot=true -o .artifacts/agent) or on PATH; or pass --agent <path>");
        return (agent, haproxy);
    }

    // Agents reach the proxy API on loopback and verify it with the trust bundle, as in a pod.
    private static async Task<LocalProxyOptions> ProxyOptionsAsync(OperatorHost host, (string Agent, string HAProxy) binaries, LocalDnsServer dns, string directory, CancellationToken ct)
    {
        var api = host.Distribution?.Server.Uri
            ?? throw new UsageException("--proxies needs the proxy API; --proxy-api-bind-address must not be 0");
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        string? bundle;
        while ((bundle = host.CertificateAuthority.TrustBundlePem) is null)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException("Junction's CA was not loaded within 30 s; the local proxies cannot verify the proxy API");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
        }

        var root = Path.Combine(directory, "proxies");
        Directory.CreateDirectory(root);
        var caFile = Path.Combine(root, "operator-ca.pem");
        await File.WriteAllTextAsync(caFile, bundle, ct).ConfigureAwait(false);
        return new LocalProxyOptions(api, caFile, binaries.Agent, binaries.HAProxy, root, dns.Endpoint);
    }

    // The samples' first reconciles and simulated rollouts log for a few seconds; the kubeconfig
    // line waits until policies and Deployments have been quiet for longer than a simulated
    // rollout takes, so it stays the last line.
    private static async Task SettleAsync(OperatorHost host, CancellationToken ct)
    {
        var quiet = LocalControllers.RolloutDelay + TimeSpan.FromSeconds(0.5);
        var deadline = TimeProvider.System.GetUtcNow() + LocalControllers.RolloutDelay + TimeSpan.FromSeconds(12);
        var last = Versions(host);
        var since = TimeProvider.System.GetUtcNow();
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
            var now = Versions(host);
            if (now != last)
            {
                (last, since) = (now, TimeProvider.System.GetUtcNow());
            }
            else if (TimeProvider.System.GetUtcNow() - since >= quiet)
            {
                break;
            }
        }
    }

    // Policies' status writes and the simulated rollouts of their Deployments are what logs.
    private static string Versions(OperatorHost host) =>
        string.Join(",", host.Informers.Policies.Cache.List().Select(p => p.Metadata.ResourceVersion)
            .Concat(host.Informers.Deployments.Cache.List().Select(d => d.Metadata.ResourceVersion))
            .Order(StringComparer.Ordinal));

    // In a cluster config/webhook registers the sidecar injector; here it is reached by URL, trusting
    // Junction's CA from the start, so pods of labelled namespaces are injected from the first one.
    private static async Task RegisterInjectorAsync(OperatorHost host, Kubernetes client, string operatorNamespace, CancellationToken ct)
    {
        if (host.Injection?.Server?.Uri is not { } address)
        {
            return;
        }

        await host.CertificateAuthority.GetAsync(ct).ConfigureAwait(false);
        var configuration = Injection.WebhookConfigurations.ForUrl(new Uri(address, Injection.InjectionNames.Path).ToString(), operatorNamespace, host.CertificateAuthority.TrustBundlePem);
        await client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(configuration, cancellationToken: ct).ConfigureAwait(false);
    }

    private static async Task InstallCrdAsync(Kubernetes client, CancellationToken ct)
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(CrdGenerator.Generate());
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> ApplySamplesAsync(RunArguments args, Kubernetes client, CancellationToken ct)
    {
        if (args.NoSamples)
        {
            return [];
        }

        var directory = args.SamplesDirectory ?? FindSamples()
            ?? throw new UsageException("no samples/ directory found here or above the junction binary; pass --samples <dir> or --no-samples");
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"--samples: directory \"{directory}\" does not exist");
        }

        return await new ManifestApplier(client).ApplyDirectoryAsync(directory, ct).ConfigureAwait(false);
    }

    private static string? FindSamples() =>
        FindSamples(Directory.GetCurrentDirectory()) ?? FindSamples(AppContext.BaseDirectory);

    /// <summary>
    /// The checkout's samples/ seen from <paramref name="start"/> or any directory below the
    /// checkout's root (the directory with Operator.sln or .git): the walk up stops at that root,
    /// so a samples/ directory of some other project further up is never taken.
    /// </summary>
    internal static string? FindSamples(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var isRoot = File.Exists(Path.Combine(dir.FullName, "Operator.sln")) || Path.Exists(Path.Combine(dir.FullName, ".git"));
            if (!isRoot)
            {
                continue;
            }

            var candidate = Path.Combine(dir.FullName, "samples");
            return Directory.Exists(candidate) ? candidate : null;
        }

        return null;
    }

    private static string DefaultKubeconfigPath() =>
        Path.Combine(Path.GetTempPath(), $"junction-local-{Environment.ProcessId}", "kubeconfig");

    private static async Task PrintNextStepsAsync(TextWriter output, InMemoryApiServer server, string kubeconfig, IReadOnlyList<string> applied, OperatorHost host, bool proxies)
    {
        var policies = applied.Where(a => a.StartsWith("TrafficPolicy ", StringComparison.Ordinal)).ToList();
        var example = policies.FirstOrDefault()?["TrafficPolicy ".Length..].Split('/') ?? ["default", "<name>"];
        var k = $"kubectl --kubeconfig {kubeconfig}";
        await output.WriteLineAsync($"""
            Junction is running against an in-memory Kubernetes API server at {server.BaseAddress}
            Applied {applied.Count} objects ({policies.Count} TrafficPolicies). Rollouts complete after {LocalControllers.RolloutDelay.TotalSeconds:0}s; Ingresses get 127.0.0.1.
            Metrics: {host.Endpoints.MetricsUri?.ToString() ?? "off"}  Probes: {host.Endpoints.ProbeUri?.ToString() ?? "off"}

            Try:
              {k} get tp -A
              {k} describe tp {example[1]} -n {example[0]}
              {k} get deploy,svc,cm,ingress -A -l app.kubernetes.io/managed-by=junction
              {k} apply -f samples/ingress-only.yaml

            Press Ctrl-C to stop.
            """).ConfigureAwait(false);
        if (proxies)
        {
            await output.WriteLineAsync($"""
                Real proxies: each gateway replica runs HAProxy + junction-agent on its own 127.0.1.x address (the "listens on" lines).
                Point a Service at processes on this machine, then curl through the gateway:
                  {k} annotate svc checkout -n shop {LocalEndpoints.Annotation}=127.0.0.11:9001,127.0.0.12:9001
                  curl http://<gateway address>:8080/api
                """).ConfigureAwait(false);
        }
    }
}

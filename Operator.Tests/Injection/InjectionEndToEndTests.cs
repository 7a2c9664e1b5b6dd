using System.Globalization;
using System.Text.Json.Nodes;
using Junction.ApiServer;
using Junction.Hosting;
using Junction.Injection;
using Junction.Tests.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Junction.Tests.Injection;

/// <summary>
/// The whole path on the embedded server with its simulated controllers: the operator serves the
/// webhook and writes its caBundle, kubectl applies Deployments, the simulated ReplicaSet
/// controller creates their pods through admission, and kubectl reads what the pods got.
/// </summary>
public sealed class InjectionEndToEndTests
{
    private const string Workloads = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
          labels:
            traffic.junction.dev/inject: enabled
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: demo
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: batch
          namespace: demo
        spec:
          replicas: 1
          selector:
            matchLabels: {app: batch}
          template:
            metadata:
              labels: {app: batch}
              annotations:
                traffic.junction.dev/inject: "false"
            spec:
              containers:
                - name: batch
                  image: busybox:1.36
        """;

    [Fact]
    public async Task Deployment_InInjectionEnabledNamespace_PodsGetSidecarOptOutDoesNotReadmissionIsNoOp()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var ct = cancel.Token;
        var directory = Directory.CreateTempSubdirectory("junction-inject-");
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { SimulateWorkloads = true, Namespaces = ["default", "kube-system", "junction-system"] }, ct);
        var kubeconfig = server.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"));
        using var client = LocalCluster.NewClient(server);
        await new ClusterFixture(client).InstallCrdAsync(ct);
        await using var running = await RunningOperator.StartAsync(
            client,
            new OperatorOptions
            {
                MetricsBindAddress = "0",
                HealthProbeBindAddress = "0",
                OperatorNamespace = "junction-system",
                Webhook = new WebhookOptions { BindAddress = "127.0.0.1:0" },
            },
            NullLoggerFactory.Instance,
            ct);
        try
        {
            var port = running.Host.Injection!.Server!.Uri!.Port.ToString(CultureInfo.InvariantCulture);
            // config/webhook's Service and configuration; the Service leads to the operator's loopback port.
            await ApplyAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Service
                metadata:
                  name: junction-webhook
                  namespace: junction-system
                  annotations:
                    traffic.junction.dev/local-endpoints: 127.0.0.1:{port}
                spec:
                  ports:
                    - {"{"}name: webhook, port: 443, targetPort: 9443{"}"}
                ---
                {File.ReadAllText(Path.Combine(ClusterFixture.RepositoryRoot(), "config", "webhook", "mutating_webhook.yaml"))
                    .Replace("name: sidecar-injector", "name: junction-sidecar-injector", StringComparison.Ordinal)
                    .Replace("name: webhook\n        namespace: system", "name: junction-webhook\n        namespace: junction-system", StringComparison.Ordinal)}
                """, ct);
            // The operator fills in the caBundle (Junction's CA) before any pod can be admitted.
            await WaitForAsync(kubeconfig, "get mutatingwebhookconfiguration junction-sidecar-injector -o json", o => o["webhooks"]![0]!["clientConfig"]!["caBundle"] is not null, ct);

            await ApplyAsync(kubeconfig, Workloads, ct);

            var web = await WaitForAsync(kubeconfig, "get pods -n demo -l app=web -o json", o => o["items"]!.AsArray().Count == 2, ct);
            foreach (var pod in web["items"]!.AsArray())
            {
                Assert.Equal(["junction-init", "junction-install-agent", "junction-proxy"], Names(pod!["spec"]!["initContainers"]));
                Assert.Equal(["web"], Names(pod["spec"]!["containers"]));
                var proxy = pod["spec"]!["initContainers"]![2]!;
                Assert.Equal("Always", proxy["restartPolicy"]!.GetValue<string>());
                Assert.Equal(1337, proxy["securityContext"]!["runAsUser"]!.GetValue<long>());
                Assert.Equal(15021, proxy["startupProbe"]!["httpGet"]!["port"]!.GetValue<int>());
                Assert.NotNull(pod["metadata"]!["annotations"]![InjectionNames.InjectedAnnotation]);
            }

            var batch = await WaitForAsync(kubeconfig, "get pods -n demo -l app=batch -o json", o => o["items"]!.AsArray().Count == 1, ct);
            var optedOut = batch["items"]![0]!;
            Assert.Null(optedOut["spec"]!["initContainers"]);
            Assert.Equal(["batch"], Names(optedOut["spec"]!["containers"]));

            // Re-admission: an update of an injected pod goes through admission again and changes nothing.
            var name = web["items"]![0]!["metadata"]!["name"]!.GetValue<string>();
            var before = await GetAsync(kubeconfig, $"get pod {name} -n demo -o json", ct);
            var labelled = await Kubectl.Run(kubeconfig, $"label pod {name} -n demo readmitted=yes");
            Assert.True(labelled.ExitCode == 0, labelled.Stderr);
            var after = await GetAsync(kubeconfig, $"get pod {name} -n demo -o json", ct);
            Assert.Equal("yes", after["metadata"]!["labels"]!["readmitted"]!.GetValue<string>());
            Assert.Equal(before["spec"]!["initContainers"]!.ToJsonString(), after["spec"]!["initContainers"]!.ToJsonString());
            Assert.Equal(before["spec"]!["containers"]!.ToJsonString(), after["spec"]!["containers"]!.ToJsonString());
            Assert.Equal(before["spec"]!["volumes"]!.ToJsonString(), after["spec"]!["volumes"]!.ToJsonString());

            // A pod applied by hand is injected too, once.
            await ApplyAsync(kubeconfig, """
                apiVersion: v1
                kind: Pod
                metadata: {name: single, namespace: demo}
                spec:
                  containers: [{name: app, image: nginx:1.27}]
                """, ct);
            var single = await GetAsync(kubeconfig, "get pod single -n demo -o json", ct);
            Assert.Equal(["junction-init", "junction-install-agent", "junction-proxy"], Names(single["spec"]!["initContainers"]));
        }
        finally
        {
            await running.StopAsync();
            directory.Delete(recursive: true);
        }
    }

    private static List<string> Names(JsonNode? containers) =>
        containers?.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList() ?? [];

    private static async Task ApplyAsync(string kubeconfig, string yaml, CancellationToken ct)
    {
        var result = await Kubectl.Run(kubeconfig, "apply -f -", yaml);
        ct.ThrowIfCancellationRequested();
        Assert.True(result.ExitCode == 0, $"kubectl apply failed: {result.Stderr}\n{yaml}");
    }

    private static async Task<JsonNode> GetAsync(string kubeconfig, string arguments, CancellationToken ct)
    {
        var result = await Kubectl.Run(kubeconfig, arguments);
        ct.ThrowIfCancellationRequested();
        Assert.True(result.ExitCode == 0, $"kubectl {arguments} failed: {result.Stderr}");
        return JsonNode.Parse(result.Stdout)!;
    }

    private static async Task<JsonNode> WaitForAsync(string kubeconfig, string arguments, Func<JsonNode, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var result = await Kubectl.Run(kubeconfig, arguments);
            if (result.ExitCode == 0 && JsonNode.Parse(result.Stdout) is { } node && done(node))
            {
                return node;
            }

            await Task.Delay(200, ct);
        }
    }
}

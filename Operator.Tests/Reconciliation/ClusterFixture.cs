using Junction.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace Junction.Tests.Reconciliation;

/// <summary>Test steps against any API server: create policies and backends, and poll for outcomes with a deadline.</summary>
internal sealed class ClusterFixture(IKubernetes client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public IKubernetes Client { get; } = client;

    /// <summary>Installs the TrafficPolicy CRD and waits until the API server serves it.</summary>
    public async Task InstallCrdAsync(CancellationToken ct)
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(CrdPath(), ct));
        try
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }

        await WaitUntilAsync(async c => await ExistsAsync(() => Client.CustomObjects.ListNamespacedCustomObjectAsync(
            TrafficPolicy.Group, TrafficPolicy.Version, "default", TrafficPolicy.Plural, cancellationToken: c)), ct);
    }

    /// <summary>Creates the namespace (if missing), the backend Service and a policy with an Ingress and a 2-replica gateway.</summary>
    public async Task<TrafficPolicy> CreatePolicyWithBackendAsync(string ns, string name, CancellationToken ct, Action<TrafficPolicy>? customize = null)
    {
        await EnsureNamespaceAsync(ns, ct);
        await CreateServiceAsync(ns, name, 8080, ct);
        return await CreatePolicyAsync(Policy(ns, name, customize), ct);
    }

    /// <summary>Creates a policy.</summary>
    public async Task<TrafficPolicy> CreatePolicyAsync(TrafficPolicy policy, CancellationToken ct) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync<TrafficPolicy>(
            policy, TrafficPolicy.Group, TrafficPolicy.Version, policy.Metadata.NamespaceProperty, TrafficPolicy.Plural, cancellationToken: ct);

    /// <summary>A policy for the Service of the same name: Ingress on name.example.com, 2 gateway replicas.</summary>
    public static TrafficPolicy Policy(string ns, string name, Action<TrafficPolicy>? customize = null)
    {
        var policy = new TrafficPolicy
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new TrafficPolicySpec
            {
                TargetRef = new ServiceReference { Name = name, Port = 8080 },
                Ingress = new IngressSpec { ClassName = "nginx", Hosts = [$"{name}.example.com"] },
                Proxy = new ProxySpec { Replicas = 2 },
            },
        };
        customize?.Invoke(policy);
        return policy;
    }

    /// <summary>Creates a namespace unless it exists.</summary>
    public async Task EnsureNamespaceAsync(string ns, CancellationToken ct)
    {
        try
        {
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>Creates a ClusterIP Service selecting app=name with one port.</summary>
    public Task<V1Service> CreateServiceAsync(string ns, string name, int port, CancellationToken ct) =>
        Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Spec = new V1ServiceSpec
                {
                    Selector = new Dictionary<string, string> { ["app"] = name },
                    Ports = [new V1ServicePort { Name = "http", Port = port, TargetPort = port }],
                },
            },
            ns,
            cancellationToken: ct);

    /// <summary>Reads a policy.</summary>
    public Task<TrafficPolicy> ReadPolicyAsync(string ns, string name, CancellationToken ct) =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<TrafficPolicy>(TrafficPolicy.Group, TrafficPolicy.Version, ns, TrafficPolicy.Plural, name, ct);

    /// <summary>Reads, changes and replaces a policy's spec, retrying on 409.</summary>
    public async Task<TrafficPolicy> UpdatePolicyAsync(string ns, string name, Action<TrafficPolicy> change, CancellationToken ct)
    {
        while (true)
        {
            var policy = await ReadPolicyAsync(ns, name, ct);
            change(policy);
            try
            {
                return await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync<TrafficPolicy>(
                    policy, TrafficPolicy.Group, TrafficPolicy.Version, ns, TrafficPolicy.Plural, name, cancellationToken: ct);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
            }
        }
    }

    /// <summary>Polls until the policy's condition has the status (and the policy's current generation); returns the policy.</summary>
    public Task<TrafficPolicy> WaitForConditionAsync(string ns, string name, string type, string status, CancellationToken ct) =>
        WaitForAsync(
            async c =>
            {
                var policy = await ReadPolicyAsync(ns, name, c);
                var condition = policy.Status?.Conditions?.FirstOrDefault(x => x.Type == type);
                return condition?.Status == status && condition.ObservedGeneration == policy.Metadata.Generation ? policy : null;
            },
            ct);

    /// <summary>Polls until every listed condition has its status at the policy's current generation; returns the policy.</summary>
    public Task<TrafficPolicy> WaitForConditionsAsync(string ns, string name, CancellationToken ct, params (string Type, string Status)[] wanted) =>
        WaitForAsync(
            async c =>
            {
                var policy = await ReadPolicyAsync(ns, name, c);
                var conditions = policy.Status?.Conditions ?? [];
                return wanted.All(w => conditions.Any(x => x.Type == w.Type && x.Status == w.Status && x.ObservedGeneration == policy.Metadata.Generation))
                    ? policy
                    : null;
            },
            ct);

    /// <summary>Polls <paramref name="read"/> until it returns an object (404 counts as not yet).</summary>
    public async Task<T> WaitForAsync<T>(Func<CancellationToken, Task<T?>> read, CancellationToken ct)
        where T : class
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (await read(ct) is { } value)
                {
                    return value;
                }
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, CancellationToken ct)
    {
        while (!await condition(ct))
        {
            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>True when the read succeeds, false on 404.</summary>
    public async Task<bool> ExistsAsync<T>(Func<Task<T>> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The generated CRD, found by walking up from the test binaries to the repository's crds/.</summary>
    public static string CrdPath() => Path.Combine(RepositoryRoot(), "crds", "trafficpolicies.traffic.junction.dev.yaml");

    /// <summary>The repository root: the first parent directory holding Operator.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Operator.sln above {AppContext.BaseDirectory}");
    }
}

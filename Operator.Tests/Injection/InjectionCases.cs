using System.Text.Json.Nodes;
using Junction.Injection;
using Junction.Tests.Reconciliation;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Injection;

/// <summary>Pods, AdmissionReviews and golden files shared by the injection tests.</summary>
internal static class InjectionCases
{
    public const string Regenerate = "JUNCTION_UPDATE_GOLDEN=1 dotnet test Operator.Tests -c Release --filter \"FullyQualifiedName~Junction.Tests.Injection\"";

    public static InjectionOptions Options { get; } = new()
    {
        ProxyImage = "haproxy:3.2.4",
        OperatorImage = "junction:1.0.0",
        InitImage = "junction-init:1.0.0",
        ProxyApiUrl = "https://junction-proxy-api.junction-system.svc:15012",
        Version = "1.0.0",
        OperatorNamespace = "junction-system",
    };

    private static bool Update => Environment.GetEnvironmentVariable("JUNCTION_UPDATE_GOLDEN") == "1";

    /// <summary>A pod as a ReplicaSet creates it: generateName, one container, its own volume.</summary>
    public static V1Pod Pod(Action<V1Pod>? customize = null)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = "web-7d9f-",
                NamespaceProperty = "demo",
                Labels = new Dictionary<string, string> { ["app"] = "web" },
            },
            Spec = new V1PodSpec
            {
                ServiceAccountName = "web",
                Containers = [new V1Container { Name = "web", Image = "nginx:1.27", Ports = [new V1ContainerPort { ContainerPort = 8080 }] }],
            },
        };
        customize?.Invoke(pod);
        return pod;
    }

    /// <summary>The AdmissionReview kube-apiserver sends for a pod creation.</summary>
    public static string Review(V1Pod pod, string operation = "CREATE", string uid = "0d6b1c5e-3f2a-4b7e-9c1d-2a3b4c5d6e7f") =>
        new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["namespace"] = pod.Metadata.NamespaceProperty,
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "system:serviceaccount:kube-system:replicaset-controller" },
                ["object"] = JsonNode.Parse(KubernetesJson.Serialize(pod)),
                ["dryRun"] = false,
            },
        }.ToJsonString();

    /// <summary>The pod with the patch applied, as the API server would store it.</summary>
    public static V1Pod Apply(V1Pod pod, JsonArray patch)
    {
        var document = JsonNode.Parse(KubernetesJson.Serialize(pod))!;
        var patched = global::Junction.ApiServer.Patching.JsonPatch.Apply(document, (JsonArray)patch.DeepClone());
        return KubernetesJson.Deserialize<V1Pod>(patched.ToJsonString());
    }

    /// <summary>Compares with (or, with JUNCTION_UPDATE_GOLDEN=1, writes) testdata/injection/<paramref name="name"/>.</summary>
    public static void Golden(string name, string actual)
    {
        var path = Path.Combine(ClusterFixture.RepositoryRoot(), "Operator.Tests", "testdata", "injection", name);
        if (Update)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; to create it run {Regenerate}");
        var expected = File.ReadAllText(path);
        Assert.True(expected == actual, $"{path} is stale; if the change is intended, run {Regenerate} and review the diff.\n--- actual ---\n{actual}");
    }

    /// <summary>Indented JSON, stable across runs.</summary>
    public static string Pretty(JsonNode node) => node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
}

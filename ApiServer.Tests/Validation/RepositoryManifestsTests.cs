using System.Net;
using Junction.ApiServer.Patching;
using Xunit;

namespace Junction.ApiServer.Tests.Validation;

/// <summary>Every built-in object the repository's samples and deploy manifests hold passes the built-in validation.</summary>
public sealed class RepositoryManifestsTests : ApiServerTest
{
    private static readonly Dictionary<string, string> Collections = new(StringComparer.Ordinal)
    {
        ["v1/Namespace"] = "api/v1/namespaces",
        ["v1/Service"] = "api/v1/namespaces/{0}/services",
        ["v1/ServiceAccount"] = "api/v1/namespaces/{0}/serviceaccounts",
        ["v1/ConfigMap"] = "api/v1/namespaces/{0}/configmaps",
        ["v1/Secret"] = "api/v1/namespaces/{0}/secrets",
        ["apps/v1/Deployment"] = "apis/apps/v1/namespaces/{0}/deployments",
        ["policy/v1/PodDisruptionBudget"] = "apis/policy/v1/namespaces/{0}/poddisruptionbudgets",
        ["networking.k8s.io/v1/Ingress"] = "apis/networking.k8s.io/v1/namespaces/{0}/ingresses",
    };

    [Fact]
    public async Task SamplesAndConfigBuiltinObjects_AreAllAccepted()
    {
        var root = RepositoryRoot();
        var objects = new[] { "samples", "config" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.yaml", SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => YamlJson.ParseAll(File.ReadAllText(f)).Select(o => (File: Path.GetRelativePath(root, f), Object: o)))
            .Where(x => Collections.ContainsKey($"{x.Object["apiVersion"]}/{x.Object["kind"]}"))
            .OrderBy(x => x.Object["kind"]!.GetValue<string>() == "Namespace" ? 0 : 1)
            .ToList();
        var refused = new List<string>();

        foreach (var (file, obj) in objects)
        {
            var ns = obj["metadata"]?["namespace"]?.GetValue<string>() ?? "default";
            await EnsureNamespace(ns);
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, Collections[$"{obj["apiVersion"]}/{obj["kind"]}"], ns);
            using var response = await Send(HttpMethod.Post, path, obj.ToJsonString());
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                refused.Add($"{file} {obj["kind"]} {obj["metadata"]?["name"]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(objects.Count >= 20, $"only {objects.Count} built-in objects found under {root}");
        Assert.Empty(refused);
    }

    private async Task EnsureNamespace(string name)
    {
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Junction.Crds;
using Junction.Manifests;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Junction.Tests.Crds;

public sealed class CrdGeneratorTests
{
    private static readonly Lazy<string> Generated = new(CrdGenerator.Generate);

    private static YamlMappingNode Root()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Generated.Value));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (n, k) => int.TryParse(k, out var i) ? ((YamlSequenceNode)n).Children[i] : ((YamlMappingNode)n).Children[new YamlScalarNode(k)]);

    private static YamlMappingNode Schema() => (YamlMappingNode)At(Root(), "spec", "versions", "0", "schema", "openAPIV3Schema");

    private static string Scalar(YamlNode node, params string[] keys) => ((YamlScalarNode)At(node, keys)).Value!;

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void CheckedInCrd_IsUpToDate()
    {
        var path = Path.Combine(RepositoryRoot(), "crds", CrdGenerator.FileName);
        var checkedIn = File.Exists(path) ? File.ReadAllText(path) : "";

        Assert.True(checkedIn == Generated.Value,
            $"crds/{CrdGenerator.FileName} differs from the generated CRD; run: dotnet run --project Operator -- crds --output-dir crds");
    }

    [Fact]
    public void Generate_IsDeterministic()
    {
        Assert.Equal(Generated.Value, CrdGenerator.Generate());
    }

    [Fact]
    public void Generate_NamesAndScope_AreTheApiIdentity()
    {
        var root = Root();

        Assert.Equal("trafficpolicies.traffic.junction.dev", Scalar(root, "metadata", "name"));
        Assert.Equal("Namespaced", Scalar(root, "spec", "scope"));
        Assert.Equal("tp", Scalar(root, "spec", "names", "shortNames", "0"));
        Assert.Equal("junction", Scalar(root, "spec", "names", "categories", "0"));
        Assert.Equal("v1alpha1", Scalar(root, "spec", "versions", "0", "name"));
        Assert.Empty(((YamlMappingNode)At(root, "spec", "versions", "0", "subresources", "status")).Children);
    }

    [Fact]
    public void Generate_PrinterColumns_ShowReadinessHostsModeAge()
    {
        var columns = ((YamlSequenceNode)At(Root(), "spec", "versions", "0", "additionalPrinterColumns")).Children
            .ToDictionary(c => Scalar(c, "name"), c => Scalar(c, "jsonPath"));

        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", columns["Ready"]);
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].reason", columns["Reason"]);
        Assert.Equal(".status.hosts", columns["Hosts"]);
        Assert.Equal(".status.mode", columns["Mode"]);
        Assert.Equal(".metadata.creationTimestamp", columns["Age"]);
    }

    [Fact]
    public void Generate_FieldFacts_ComeFromTheAttributesAndDocs()
    {
        var spec = At(Schema(), "properties", "spec");
        var weight = At(spec, "properties", "routes", "items", "properties", "backendRefs", "items", "properties", "weight");
        var protocol = At(spec, "properties", "protocol");

        Assert.Equal("integer", Scalar(weight, "type"));
        Assert.Equal("0", Scalar(weight, "minimum"));
        Assert.Equal("1000", Scalar(weight, "maximum"));
        Assert.StartsWith("Relative share of the route's requests", Scalar(weight, "description"), StringComparison.Ordinal);
        Assert.Equal(["HTTP", "HTTP2", "GRPC", "TCP"], ((YamlSequenceNode)At(protocol, "enum")).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal("64", Scalar(spec, "properties", "routes", "maxItems"));
        Assert.Equal("1", Scalar(spec, "properties", "ingress", "properties", "hosts", "minItems"));
        Assert.Equal("^([0-9]{1,6}(\\.[0-9]{1,3})?(ms|s|m|h))+$", Scalar(spec, "properties", "timeouts", "properties", "request", "pattern"));
        Assert.Equal("targetRef", Scalar(spec, "required", "0"));
        Assert.Equal("63", Scalar(spec, "properties", "targetRef", "properties", "name", "maxLength"));
    }

    [Fact]
    public void Generate_ConditionsAndResources_FollowKubernetesSchemas()
    {
        var conditions = At(Schema(), "properties", "status", "properties", "conditions");
        var limits = At(Schema(), "properties", "spec", "properties", "proxy", "properties", "resources", "properties", "limits");

        Assert.Equal("map", Scalar(conditions, "x-kubernetes-list-type"));
        Assert.Equal("type", Scalar(conditions, "x-kubernetes-list-map-keys", "0"));
        Assert.Equal(["lastTransitionTime", "message", "reason", "status", "type"], ((YamlSequenceNode)At(conditions, "items", "required")).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal("object", Scalar(limits, "type"));
        Assert.Equal("true", Scalar(limits, "additionalProperties", "x-kubernetes-int-or-string"));
    }

    [Fact]
    public void Generate_CelRules_GuardCrossFieldInvariants()
    {
        var text = Generated.Value;

        Assert.Contains("rule: has(self.secretName) || has(self.issuerRef)", text, StringComparison.Ordinal);
        Assert.Contains("rule: (self.type == 'URLRewrite') == has(self.urlRewrite)", text, StringComparison.Ordinal);
        Assert.Contains("rule: (has(self.algorithm) && self.algorithm == 'ConsistentHash') == has(self.consistentHash)", text, StringComparison.Ordinal);
        Assert.Contains("rule: self.all(r, self.exists_one(o, o.name == r.name))", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Schema_IsStructuralAndMinimal()
    {
        var problems = new List<string>();
        CheckStructural(Schema(), "openAPIV3Schema", problems);

        Assert.Empty(problems);
        Assert.DoesNotContain("nullable: false", Generated.Value, StringComparison.Ordinal);
    }

    /// <summary>Every schema has a type (or is int-or-string), and never properties beside additionalProperties.</summary>
    private static void CheckStructural(YamlMappingNode schema, string path, List<string> problems)
    {
        var keys = schema.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        if (!keys.Contains("type") && !keys.Contains("x-kubernetes-int-or-string"))
        {
            problems.Add($"{path}: no type");
        }

        if (keys.Contains("properties") && keys.Contains("additionalProperties"))
        {
            problems.Add($"{path}: properties and additionalProperties");
        }

        if (keys.Contains("nullable"))
        {
            problems.Add($"{path}: nullable");
        }

        if (schema.Children.TryGetValue(new YamlScalarNode("properties"), out var properties))
        {
            var map = (YamlMappingNode)properties;
            if (map.Children.Count == 0)
            {
                problems.Add($"{path}: empty properties");
            }

            foreach (var (name, child) in map.Children)
            {
                CheckStructural((YamlMappingNode)child, $"{path}.{name}", problems);
            }
        }

        foreach (var nested in new[] { "items", "additionalProperties" })
        {
            if (schema.Children.TryGetValue(new YamlScalarNode(nested), out var child))
            {
                CheckStructural((YamlMappingNode)child, $"{path}.{nested}", problems);
            }
        }
    }

    [SkippableFact]
    public void Kubectl_ParsesTheCrdToTheSameObject()
    {
        Skip.If(FindKubectl() is null, "kubectl is not installed");
        var dir = Directory.CreateTempSubdirectory("junction-crd-").FullName;
        try
        {
            // kustomize runs entirely in kubectl, without a server; client dry-run needs one.
            File.WriteAllText(Path.Combine(dir, "crd.yaml"), Generated.Value);
            File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), "resources:\n- crd.yaml\n");

            var (code, output, error) = RunKubectl("kustomize", dir);

            Assert.True(code == 0, error);
            Assert.True(JsonNode.DeepEquals(AsJson(Generated.Value), AsJson(output)), "kubectl read the CRD differently:\n" + output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static JsonNode? AsJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new YamlToJson().Untyped(stream.Documents[0].RootNode, "");
    }

    private static string? FindKubectl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "kubectl"))
            .FirstOrDefault(File.Exists);

    private static (int Code, string Output, string Error) RunKubectl(params string[] args)
    {
        var start = new ProcessStartInfo(FindKubectl()!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kubectl kustomize did not finish in 30s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}

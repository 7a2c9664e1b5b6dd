using Junction.Api.V1Alpha1;
using Junction.Manifests;
using Junction.Tests.Validation;
using Xunit;
using k8s.Models;

namespace Junction.Tests.Manifests;

public sealed class ManifestReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-manifests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IReadOnlyList<ManifestDocument> Read(string text) => ManifestReader.ReadText(new StringReader(text), "in.yaml");

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: checkout, namespace: shop}
        spec:
          selector: {app: checkout}
          ports: [{name: http, port: 8080, targetPort: http}]
          futureField: {anything: goes}

        """;

    [Fact]
    public void ReadText_PolicyAndService_YieldsBothWithOneBasedIndexes()
    {
        var documents = Read(TestPolicies.Minimal + "---\n" + Service);

        Assert.Equal(2, documents.Count);
        Assert.Equal(("in.yaml", 1), (documents[0].Source, documents[0].Index));
        var policy = Assert.IsType<TrafficPolicy>(documents[0].Object);
        Assert.Equal(8080, policy.Spec.TargetRef.Port);
        Assert.Equal(2, documents[1].Index);
        var service = Assert.IsType<V1Service>(documents[1].Object);
        Assert.Equal("checkout", service.Metadata.Name);
        Assert.Equal(8080, Assert.Single(service.Spec.Ports).Port);
    }

    [Fact]
    public void ReadText_KubectlGetOutput_ReadsServerFieldsAndStatus()
    {
        var text = """
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata:
              name: shop
              namespace: shop
              uid: 5d3c1a9e-0000-4000-8000-000000000001
              resourceVersion: "4711"
              generation: 3
              creationTimestamp: "2026-01-02T03:04:05Z"
              labels: {app.kubernetes.io/instance: shop}
              annotations: {argocd.argoproj.io/tracking-id: "shop:traffic.junction.dev/TrafficPolicy:shop/shop"}
              managedFields:
                - manager: kubectl
                  operation: Apply
                  apiVersion: traffic.junction.dev/v1alpha1
                  fieldsType: FieldsV1
                  fieldsV1: {"f:spec": {"f:targetRef": {}}}
                  time: "2026-01-02T03:04:05Z"
            spec:
              targetRef: {name: checkout, port: 8080}
            status:
              observedGeneration: 3
              conditions:
                - {type: Ready, status: "True", reason: Ready, message: all proxies run generation 3, lastTransitionTime: "2026-01-02T03:05:00Z", observedGeneration: 3}
              proxy: {name: shop-proxy, replicas: 2, readyReplicas: 2}

            """;

        var document = Assert.Single(Read(text));

        Assert.Null(document.Error);
        var policy = Assert.IsType<TrafficPolicy>(document.Object);
        Assert.Equal(3, policy.Metadata.Generation);
        Assert.Equal("True", Assert.Single(policy.Status!.Conditions!).Status);
    }

    [Fact]
    public void ReadText_Json_ReadsPolicy()
    {
        var json = """{"apiVersion": "traffic.junction.dev/v1alpha1", "kind": "TrafficPolicy", "metadata": {"name": "shop"}, "spec": {"targetRef": {"name": "checkout", "port": 80}, "routes": [{"name": "a", "matches": [{"headers": [{"name": "x-a", "value": "true"}]}]}]}}""";

        var policy = Assert.IsType<TrafficPolicy>(Assert.Single(Read(json)).Object);

        Assert.Equal("true", policy.Spec.Routes![0].Matches![0].Headers![0].Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n---\n")]
    public void ReadText_NoDocuments_IsAnError(string text)
    {
        var document = Assert.Single(Read(text));

        Assert.Equal(0, document.Index);
        Assert.Equal("contains no documents", document.Error);
    }

    [Fact]
    public void ReadText_EmptyDocumentsBetweenOthers_AreSkippedButCounted()
    {
        // The first --- starts document 1; the empty document 2 is skipped.
        var documents = Read("---\n" + TestPolicies.Minimal + "---\n---\n" + Service);

        Assert.Equal([1, 3], documents.Select(d => d.Index));
    }

    [Fact]
    public void ReadText_MalformedAfterValid_KeepsTheValidOneAndNamesLineAndColumn()
    {
        var documents = Read(TestPolicies.Minimal + "---\nkind: [\n");

        Assert.Equal(2, documents.Count);
        Assert.NotNull(documents[0].Object);
        Assert.Equal(2, documents[1].Index);
        Assert.StartsWith("line 10, column 1: malformed YAML: ", documents[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_UnknownFields_ReportsEachWithItsPath()
    {
        var document = Assert.Single(Read(TestPolicies.Minimal + "  routes:\n    - name: a\n      backendRef: {}\n      timeout: 5s\n"));

        Assert.Null(document.Object);
        Assert.Equal(["spec.routes[0].backendRef: unknown field \"backendRef\"", "spec.routes[0].timeout: unknown field \"timeout\""], document.Error!.Split('\n'));
    }

    [Theory]
    [InlineData("value: true", "must be a string, got boolean true; quote it (\"true\") to keep it as text")]
    [InlineData("value: yes", "must be a string, got boolean yes; quote it (\"yes\") to keep it as text")]
    [InlineData("value: 1.5", "must be a string, got number 1.5; quote it (\"1.5\") to keep it as text")]
    public void ReadText_UnquotedScalarWhereStringIsWanted_AsksToQuote(string line, string message)
    {
        var document = Assert.Single(Read(TestPolicies.Minimal + "  routes:\n    - name: a\n      matches: [{headers: [{name: x-a, " + line + "}]}]\n"));

        Assert.Equal($"spec.routes[0].matches[0].headers[0].value: {message}", document.Error);
    }

    [Theory]
    [InlineData("\"true\"", "true")]
    [InlineData("'8080'", "8080")]
    [InlineData("!!str yes", "yes")]
    [InlineData("canary", "canary")]
    public void ReadText_QuotedOrTaggedScalar_StaysString(string yaml, string expected)
    {
        var policy = TestPolicies.Load(TestPolicies.Minimal + "  routes:\n    - name: a\n      matches: [{headers: [{name: x-a, value: " + yaml + "}]}]\n");

        Assert.Equal(expected, policy.Spec.Routes![0].Matches![0].Headers![0].Value);
    }

    [Theory]
    [InlineData("0x1F90", 8080)]
    [InlineData("8_080", 8080)]
    [InlineData("+8080", 8080)]
    public void ReadText_YamlIntegerForms_AreNumbers(string yaml, int expected)
    {
        var policy = TestPolicies.Load(TestPolicies.Minimal.Replace("port: 8080", "port: " + yaml, StringComparison.Ordinal));

        Assert.Equal(expected, policy.Spec.TargetRef.Port);
    }

    [Fact]
    public void ReadText_BooleanField_AcceptsYamlBooleans()
    {
        var policy = TestPolicies.Load(TestPolicies.Minimal + "  observability:\n    metrics: {enabled: off}\n");

        Assert.False(policy.Spec.Observability!.Metrics!.Enabled);
    }

    [Fact]
    public void ReadText_IntegerOutOfRange_NamesField()
    {
        var document = Assert.Single(Read(TestPolicies.Minimal.Replace("port: 8080", "port: 99999999999", StringComparison.Ordinal)));

        Assert.Equal("spec.targetRef.port: must be an integer, got integer 99999999999", document.Error);
    }

    [Fact]
    public void ReadText_AliasExpansionBomb_IsRejectedWithoutBlowingUp()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: bomb\n  annotations: {}\nspec:\n  " + string.Join("\n  ", lines) + "\n";

        var document = Assert.Single(Read(text));

        Assert.Contains("too large", document.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_DocumentIsAList_IsAnError()
    {
        var document = Assert.Single(Read("- a\n- b\n"));

        Assert.Equal("line 1, column 1: a manifest must be a mapping with apiVersion and kind", document.Error);
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n")]
    [InlineData("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")]
    public void ReadText_OtherKind_IsSkippedNotAnError(string text)
    {
        var document = Assert.Single(Read(text));

        Assert.True(document.Skipped);
        Assert.Null(document.Error);
    }

    [Fact]
    public void ReadText_OurKindWithWrongApiVersion_NamesBoth()
    {
        var document = Assert.Single(Read("apiVersion: apps/v1\nkind: TrafficPolicy\nmetadata: {name: x}\n"));

        Assert.False(document.Skipped);
        Assert.Equal(
            "apiVersion: unsupported apiVersion \"apps/v1\" with kind \"TrafficPolicy\": expected apiVersion traffic.junction.dev/v1alpha1 with kind TrafficPolicy, or apiVersion v1 with kind Service",
            document.Error);
    }

    [Fact]
    public void ReadText_OurGroupWithWrongKind_BlamesKind()
    {
        var document = Assert.Single(Read("apiVersion: traffic.junction.dev/v1alpha1\nkind: TrafficPolcy\nmetadata: {name: x}\n"));

        Assert.False(document.Skipped);
        Assert.StartsWith("kind: unsupported apiVersion", document.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPath_MissingFile_IsAnError()
    {
        var path = Path.Combine(_dir, "absent.yaml");

        var document = Assert.Single(ManifestReader.ReadPath(path));

        Assert.Equal(new ManifestDocument(path, 0, null, "no such file or directory"), document);
    }

    [Fact]
    public void ReadPath_Directory_ReadsManifestFilesInPathOrderNotRecursively()
    {
        File.WriteAllText(Path.Combine(_dir, "b.yaml"), TestPolicies.Minimal);
        File.WriteAllText(Path.Combine(_dir, "a.yml"), Service);
        File.WriteAllText(Path.Combine(_dir, "c.json"), """{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "c"}}""");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not a manifest");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "sub", "d.yaml"), TestPolicies.Minimal);

        var documents = ManifestReader.ReadPath(_dir);

        Assert.Equal(["a.yml", "b.yaml", "c.json"], documents.Select(d => Path.GetFileName(d.Source)));
        Assert.All(documents, d => Assert.Null(d.Error));
    }

    [Fact]
    public void ReadPath_DirectoryWithoutManifests_IsAnError()
    {
        var document = Assert.Single(ManifestReader.ReadPath(_dir));

        Assert.Equal("directory contains no .yaml, .yml or .json files", document.Error);
    }

    [Fact]
    public void Read_Dash_ReadsTheGivenReader()
    {
        var document = Assert.Single(ManifestReader.Read("-", new StringReader(TestPolicies.Minimal)));

        Assert.Equal(ManifestReader.StdinSource, document.Source);
        Assert.IsType<TrafficPolicy>(document.Object);
    }
}

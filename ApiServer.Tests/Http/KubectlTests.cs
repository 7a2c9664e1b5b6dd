using Xunit;
using k8s;
using k8s.Models;

namespace Junction.ApiServer.Tests.Http;

/// <summary>The real kubectl against the server: apply, get, describe, explain, wait, patch, label, delete.</summary>
public sealed class KubectlTests : ApiServerTest, IDisposable
{
    private const string WidgetYaml = """
        apiVersion: test.junction.dev/v1
        kind: Widget
        metadata:
          name: w
        spec:
          size: 3
          color: red
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("junction-kubectl-").FullName;

    private string Kubeconfig => Path.Combine(directory, "kubeconfig");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ApplyClientSide_CrdThenWidget_CreatesThenConfigures()
    {
        await ApplyCrd();

        var created = await Run($"apply -f {File("w.yaml", WidgetYaml)}");
        var configured = await Run($"apply -f {File("w.yaml", WidgetYaml.Replace("size: 3", "size: 5", StringComparison.Ordinal))}");
        var unchanged = await Run($"apply -f {Path.Combine(directory, "w.yaml")}");
        var yaml = await Run("get widget w -o yaml");

        Assert.Contains("widget.test.junction.dev/w created", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("widget.test.junction.dev/w configured", configured.Stdout, StringComparison.Ordinal);
        Assert.Contains("widget.test.junction.dev/w unchanged", unchanged.Stdout, StringComparison.Ordinal);
        Assert.Contains("size: 5", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("generation: 2", yaml.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyServerSide_RecordsKubectlAsApplyManager()
    {
        await ApplyCrd();

        var applied = await Run($"apply --server-side -f {File("w.yaml", WidgetYaml)}");
        var yaml = await Run("get widget w -o yaml --show-managed-fields");

        Assert.Contains("widget.test.junction.dev/w serverside-applied", applied.Stdout, StringComparison.Ordinal);
        Assert.Contains("manager: kubectl", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("operation: Apply", yaml.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyClientSide_DeploymentTwice_MergesByStrategicPatch()
    {
        var manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: app
                    image: nginx:1.25
                  - name: side
                    image: busybox:1
            """;
        await Run($"apply -f {File("d.yaml", manifest)}");

        await Run($"apply -f {File("d.yaml", manifest.Replace("nginx:1.25", "nginx:1.26", StringComparison.Ordinal))}");
        var d = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.Equal(["nginx:1.26", "busybox:1"], d.Spec.Template.Spec.Containers.Select(c => c.Image));
        Assert.Equal(2, d.Metadata.Generation);
    }

    [Fact]
    public async Task Get_ShowsPrinterColumns()
    {
        await ApplyCrd();
        await Run($"apply -f {File("w.yaml", WidgetYaml)}");
        Server.Simulator.SetCondition("test.junction.dev/v1", "widgets", "default", "w", "Ready", "True", "Reconciled", "ready");

        var table = await Run("get wd");

        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "SIZE", "READY", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["w", "3", "True"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
    }

    [Fact]
    public async Task Describe_ShowsConditionsAndEvents()
    {
        await ApplyCrd();
        await Run($"apply -f {File("w.yaml", WidgetYaml)}");
        Server.Simulator.SetCondition("test.junction.dev/v1", "widgets", "default", "w", "Ready", "False", "BackendMissing", "service web not found");
        var uid = await WidgetUid();
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "w.1" },
            InvolvedObject = new V1ObjectReference { ApiVersion = "test.junction.dev/v1", Kind = "Widget", Name = "w", NamespaceProperty = "default", Uid = uid },
            Reason = "BackendMissing",
            Message = "service web not found",
            Type = "Warning",
            Count = 1,
            Source = new V1EventSource { Component = "junction" },
        }, "default");

        var described = await Run("describe widget w");

        Assert.Contains("BackendMissing", described.Stdout, StringComparison.Ordinal);
        Assert.Contains("Conditions:", described.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Warning\s+BackendMissing", described.Stdout);
    }

    [Fact]
    public async Task Explain_RendersCrdSchemaDescriptions()
    {
        await ApplyCrd();

        var explained = await Run("explain widget.spec.size");

        Assert.Contains("Size of the widget in units.", explained.Stdout, StringComparison.Ordinal);
        Assert.Contains("<integer>", explained.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_ReturnsOnceReadyConditionIsSet()
    {
        await ApplyCrd();
        await Run($"apply -f {File("w.yaml", WidgetYaml)}");

        var wait = Kubectl.Run(Kubeconfig, "wait --for=condition=Ready widget/w --timeout=20s");
        await Task.Delay(1000);
        Server.Simulator.SetCondition("test.junction.dev/v1", "widgets", "default", "w", "Ready", "True", "Reconciled", "ready");
        var result = await wait;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("condition met", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchLabelDelete_ChangeAndRemoveTheObject()
    {
        await ApplyCrd();
        await Run($"apply -f {File("w.yaml", WidgetYaml)}");

        await Run("""patch widget w --type=merge -p "{\"spec\":{\"size\":7}}" """);
        await Run("label widget w tier=gold");
        var labelled = await Run("get widget w -o jsonpath={.spec.size}/{.metadata.labels.tier}");
        var deleted = await Run("delete widget w");
        var missing = await Kubectl.Run(Kubeconfig, "get widget w");

        Assert.Equal("7/gold", labelled.Stdout);
        Assert.Contains("\"w\" deleted", deleted.Stdout, StringComparison.Ordinal);
        Assert.Contains("NotFound", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_InvalidWidget_ShowsServerValidationError()
    {
        await ApplyCrd();

        var result = await Kubectl.Run(Kubeconfig, $"apply -f {File("bad.yaml", WidgetYaml.Replace("size: 3", "size: 20", StringComparison.Ordinal))}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("spec.size: Invalid value: 20: spec.size in body should be less than or equal to 10", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> WidgetUid()
    {
        var widget = await Run("get widget w -o jsonpath={.metadata.uid}");
        return widget.Stdout;
    }

    private async Task ApplyCrd()
    {
        Server.WriteKubeconfig(Kubeconfig);
        var result = await Run($"apply -f {File("crd.yaml", TestManifests.WidgetCrdYaml)}");
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/widgets.test.junction.dev created", result.Stdout, StringComparison.Ordinal);
    }

    private async Task<KubectlResult> Run(string arguments)
    {
        if (!System.IO.File.Exists(Kubeconfig))
        {
            Server.WriteKubeconfig(Kubeconfig);
        }

        var result = await Kubectl.Run(Kubeconfig, arguments);
        Assert.True(result.ExitCode == 0, $"kubectl {arguments}\n{result}");
        return result;
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}

using System.Net;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.ApiServer.Tests.Namespaces;

/// <summary>Namespace deletion through Terminating, as the namespace controller does it, seen through kubectl.</summary>
public sealed class NamespaceDeletionTests : KubectlTest
{
    private const string Held = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: held
          namespace: demo
          finalizers: [example.com/hold]
        data: {k: v}
        """;

    [Fact]
    public async Task KubectlDeleteNamespace_RemovesContentThenNamespace()
    {
        await CreateNamespace();
        await Run("apply -n demo -f -", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {k: v}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader}
            rules: []
            """);

        var deleted = await Run("delete namespace demo --timeout=20s");
        var missing = await TryRun("get ns demo");

        Assert.Contains("namespace \"demo\" deleted", deleted.Stdout, StringComparison.Ordinal);
        Assert.Contains("namespaces \"demo\" not found", missing.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain((await Client.CoreV1.ListConfigMapForAllNamespacesAsync()).Items, c => c.Metadata.NamespaceProperty == "demo");
        Assert.Empty((await Client.RbacAuthorizationV1.ListRoleForAllNamespacesAsync()).Items);
    }

    [Fact]
    public async Task DeleteNamespace_ContentWithFinalizer_StaysTerminatingUntilReleased()
    {
        await CreateNamespace();
        await Run("apply -f -", Held);

        await Run("delete namespace demo --wait=false");
        var terminating = Rows((await Run("get ns demo")).Stdout);
        var described = await Run("describe ns demo");
        await Run("""patch configmap held -n demo --type=merge -p "{\"metadata\":{\"finalizers\":null}}" """);
        var gone = await TryRun("get ns demo");

        Assert.Equal(["demo", "Terminating"], terminating[1].Take(2));
        Assert.Contains("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances", described.Stdout, StringComparison.Ordinal);
        Assert.Contains("Some resources are remaining: configmaps. has 1 resource instances", described.Stdout, StringComparison.Ordinal);
        Assert.Contains("namespaces \"demo\" not found", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIntoTerminatingNamespace_IsForbiddenWithKubeApiserverMessage()
    {
        await CreateNamespace();
        await Run("apply -f -", Held);
        await Run("delete namespace demo --wait=false");

        var refused = await TryRun("apply -n demo -f -", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: late}
            """);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("configmaps \"late\" is forbidden: unable to create new content in namespace demo because it is being terminated", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminatingNamespace_StatusNamesReasonAndCause()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo" } });
        var held = ConfigMap("held", ns: "demo");
        held.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(held, "demo");
        await Client.CoreV1.DeleteNamespaceAsync("demo");

        var (code, status) = await Failure(() => Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = new V1ObjectMeta { Name = "r" } }, "demo"));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("roles.rbac.authorization.k8s.io \"r\" is forbidden: unable to create new content in namespace demo because it is being terminated", status["message"]!.GetValue<string>());
        Assert.Equal("rbac.authorization.k8s.io", status["details"]!["group"]!.GetValue<string>());
        Assert.Equal("roles", status["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("NamespaceTerminating", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task NamespaceWithOwnFinalizer_StaysAfterContentIsGone()
    {
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo", Finalizers = ["example.com/keep"] } };
        await Client.CoreV1.CreateNamespaceAsync(ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", ns: "demo"), "demo");

        await Client.CoreV1.DeleteNamespaceAsync("demo");
        var waiting = await Client.CoreV1.ReadNamespaceAsync("demo");
        waiting.Metadata.Finalizers = [];
        await Client.CoreV1.ReplaceNamespaceAsync(waiting, "demo");

        Assert.Equal("Terminating", waiting.Status.Phase);
        Assert.Empty(waiting.Spec.Finalizers ?? []);
        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync("demo")).Items);
        Assert.DoesNotContain((await Client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "demo");
    }

    // kubectl create namespace sends protobuf; a JSON create keeps these tests about deletion.
    private Task CreateNamespace() => Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo" } });
}

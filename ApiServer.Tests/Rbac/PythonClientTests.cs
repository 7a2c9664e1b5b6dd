using System.Diagnostics;
using Xunit;

namespace Junction.ApiServer.Tests.Rbac;

/// <summary>
/// The official Python client (Debian's python3-kubernetes) through the kubeconfig the server writes: namespaces
/// listed, a Role created and read back, a SelfSubjectAccessReview allowed. Skipped, saying so, where no Python
/// has the package.
/// </summary>
public sealed class PythonClientTests : KubectlTest
{
    private const string Script = """
        import json, sys
        from kubernetes import client, config
        config.load_kube_config(config_file=sys.argv[1])
        names = [n.metadata.name for n in client.CoreV1Api().list_namespace().items]
        rbac = client.RbacAuthorizationV1Api()
        role = client.V1Role(metadata=client.V1ObjectMeta(name="reader"),
                             rules=[client.V1PolicyRule(api_groups=[""], resources=["configmaps"], verbs=["get", "list"])])
        rbac.create_namespaced_role("default", role)
        read = rbac.read_namespaced_role("reader", "default")
        review = client.AuthorizationV1Api().create_self_subject_access_review(client.V1SelfSubjectAccessReview(
            spec=client.V1SelfSubjectAccessReviewSpec(resource_attributes=client.V1ResourceAttributes(verb="create", group="apps", resource="deployments"))))
        print(json.dumps({"namespaces": names, "verbs": read.rules[0].verbs, "allowed": review.status.allowed}))
        """;

    [SkippableFact]
    public async Task PythonClient_ListsNamespacesAndCreatesAndReadsARole()
    {
        var python = PythonWithKubernetes();
        Skip.If(python is null, "no python3 with the kubernetes package (Debian: apt install python3-kubernetes)");
        Server.WriteKubeconfig(Kubeconfig);

        var (exit, stdout, stderr) = await RunPython(python!, File("client.py", Script), Kubeconfig);

        Assert.True(exit == 0, stderr);
        var result = System.Text.Json.Nodes.JsonNode.Parse(stdout)!;
        Assert.Contains("default", result["namespaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("""["get","list"]""", result["verbs"]!.ToJsonString());
        Assert.True(result["allowed"]!.GetValue<bool>());
    }

    /// <summary>The first of Debian's python3 and the one on PATH that imports kubernetes; null when neither does.</summary>
    private static string? PythonWithKubernetes()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, "-c \"import kubernetes\"") { RedirectStandardError = true, UseShellExecute = false });
                if (probe is not null && probe.WaitForExit(30_000) && probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name.
            }
        }

        return null;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunPython(string python, string script, string kubeconfig)
    {
        using var process = Process.Start(new ProcessStartInfo(python, $"{script} {kubeconfig}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await stdout, await stderr + "\npython timed out after 60s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

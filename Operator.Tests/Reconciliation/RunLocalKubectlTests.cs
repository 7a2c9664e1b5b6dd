using System.Diagnostics;
using Junction.Cli;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>junction run --local, read with the real kubectl.</summary>
public sealed class RunLocalKubectlTests
{
    [Fact]
    public async Task RunLocal_KubectlDescribe_ShowsConditionsAndEvents()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var directory = Directory.CreateTempSubdirectory("junction-run-local-");
        var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
        var output = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var run = Task.Run(
            () => new RunCommand().RunAsync(
                ["--local", "--kubeconfig", kubeconfig, "--samples", Path.Combine(ClusterFixture.RepositoryRoot(), "samples")],
                new CliConsole(TextReader.Null, output, TextWriter.Null),
                stop.Token),
            CancellationToken.None);
        try
        {
            var described = await WaitForKubectlAsync(kubeconfig, ["describe", "tp", "checkout", "-n", "shop"], o => o.Contains("Ready is True", StringComparison.Ordinal), run, cancel.Token);

            Assert.Contains("Type:                  Accepted", described, StringComparison.Ordinal);
            Assert.Contains("Type:                  ResolvedRefs", described, StringComparison.Ordinal);
            Assert.Contains("Type:                  Programmed", described, StringComparison.Ordinal);
            Assert.Contains("Type:                  Ready", described, StringComparison.Ordinal);
            Assert.Contains("Observed Generation:   1", described, StringComparison.Ordinal);
            Assert.Matches(@"Normal\s+Ready\s+.*junction\s+Ready is True", described);
            // The steps before it (Programmed, 0 of 2 proxy replicas ready) were normal progress: no Event for them.
            Assert.DoesNotMatch(@"Normal\s+Programmed\s+", described);
            Assert.False(described.Contains("ProxyNotReady", StringComparison.Ordinal), described);
            var children = await KubectlAsync(kubeconfig, ["get", "deploy,svc,cm,ingress", "-n", "shop", "-l", "app.kubernetes.io/managed-by=junction"], cancel.Token);
            Assert.Contains("deployment.apps/checkout-proxy", children, StringComparison.Ordinal);
            Assert.Contains("configmap/checkout-proxy", children, StringComparison.Ordinal);

            // The gateway's pods exist and run, as the Deployment controller and a kubelet would make them.
            var rollout = await KubectlAsync(kubeconfig, ["rollout", "status", "deployment/checkout-proxy", "-n", "shop", "--timeout=20s"], cancel.Token);
            Assert.Contains("successfully rolled out", rollout, StringComparison.Ordinal);
            var pods = await KubectlAsync(kubeconfig, ["get", "pods", "-n", "shop", "-l", "app.kubernetes.io/managed-by=junction"], cancel.Token);
            Assert.Matches(@"checkout-proxy-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running ", pods);

            // A Deployment in an injection-enabled namespace gets the sidecar through the operator's webhook.
            await KubectlAsync(kubeconfig, ["create", "namespace", "meshed"], cancel.Token);
            await KubectlAsync(kubeconfig, ["label", "namespace", "meshed", "traffic.junction.dev/inject=enabled"], cancel.Token);
            await KubectlAsync(kubeconfig, ["create", "deployment", "web", "--image=nginx", "-n", "meshed"], cancel.Token);
            var injected = await WaitForKubectlAsync(
                kubeconfig,
                ["get", "pods", "-n", "meshed", "-o", "jsonpath={.items[*].spec.initContainers[*].name}"],
                o => o.Contains("junction-proxy", StringComparison.Ordinal),
                run,
                cancel.Token);
            Assert.Contains("junction-init", injected, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
            directory.Delete(recursive: true);
        }

        Assert.Contains($"kubectl --kubeconfig {kubeconfig} describe tp", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> WaitForKubectlAsync(string kubeconfig, string[] args, Func<string, bool> done, Task run, CancellationToken ct)
    {
        while (true)
        {
            if (run.IsCompleted)
            {
                await run;
                throw new InvalidOperationException("junction run --local stopped early");
            }

            if (File.Exists(kubeconfig))
            {
                var output = await KubectlAsync(kubeconfig, args, ct);
                if (done(output))
                {
                    return output;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private static async Task<string> KubectlAsync(string kubeconfig, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return await stdout + await stderr;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}

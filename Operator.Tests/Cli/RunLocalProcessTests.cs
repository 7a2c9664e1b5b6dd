using System.Diagnostics;
using System.Text;
using Junction.Cli;
using Junction.Tests.Reconciliation;
using Xunit;

namespace Junction.Tests.Cli;

/// <summary>junction run --local as a newcomer meets it: a real process, a real terminal signal, the real kubectl.</summary>
[Collection(Infrastructure.SerialCollection.Name)]
public sealed class RunLocalProcessTests
{
    private const string Policies = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: truth}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: truth}
        spec:
          selector: {app: web}
          ports:
            - {name: http, port: 8080, targetPort: 8080}
        ---
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: sidecar, namespace: truth}
        spec:
          targetRef: {name: web, port: 8080}
          proxy: {mode: Sidecar}
        ---
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: deny, namespace: truth}
        spec:
          targetRef: {name: web, port: 8080}
          ingress: {className: nginx, hosts: [a.example.com, b.example.com]}
          authorization: {defaultAction: Deny}
        ---
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: missing, namespace: truth}
        spec:
          targetRef: {name: nothing-here, port: 8080}
        """;

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task RunLocal_AsAProcessFromASubdirectory_KubeconfigLineLastAndSignalStopsCleanly(string signal)
    {
        var directory = Directory.CreateTempSubdirectory("junction-run-process-");
        var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
        // As from a terminal: a test run started in the background (CI, nohup) passes SIGINT on ignored,
        // and an ignored SIGINT stays ignored in the child, so it is reset to the default first.
        var start = new ProcessStartInfo("env")
        {
            // From a folder deep in the checkout: samples/ is found at the checkout's root.
            WorkingDirectory = Path.Combine(ClusterFixture.RepositoryRoot(), "Operator", "Cli"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "junction.dll"), "run", "--local", "--kubeconfig", kubeconfig })
        {
            start.ArgumentList.Add(arg);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            string Out()
            {
                lock (stdout)
                {
                    return stdout.ToString();
                }
            }

            await Eventually.True(() => Out().Contains("export KUBECONFIG=", StringComparison.Ordinal) || process.HasExited, "the next steps are printed", TimeSpan.FromSeconds(90));
            await Task.Delay(TimeSpan.FromSeconds(1));
            var before = Out();
            var policies = await Kubectl.Run(kubeconfig, "get tp -A");
            using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                string tail;
                lock (stderr)
                {
                    var said = (Out() + stderr).Split('\n');
                    tail = string.Join("\n", said[^Math.Min(25, said.Length)..]);
                }

                Assert.Fail($"still running 40 s after SIG{signal}; its last lines:\n{tail}");
            }

            process.WaitForExit(); // drains the redirected streams
            string all;
            lock (stderr)
            {
                all = Out() + stderr;
            }


            var lines = before.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines[^1] == $"export KUBECONFIG={kubeconfig}", "the last lines were:\n" + string.Join("\n", lines[^Math.Min(6, lines.Length)..]));
            Assert.Contains("Applied ", before, StringComparison.Ordinal);
            Assert.True(policies.ExitCode == 0, policies.ToString());
            Assert.Contains("checkout", policies.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Stopping: finishing in-flight reconciles...", all, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FindSamples_FromAnyFolderOfTheCheckout_FindsTheRootsSamples()
    {
        var root = ClusterFixture.RepositoryRoot();
        var expected = Path.Combine(root, "samples");

        Assert.Equal(expected, LocalRun.FindSamples(root));
        Assert.Equal(expected, LocalRun.FindSamples(Path.Combine(root, "Operator", "Cli")));
        Assert.Equal(expected, LocalRun.FindSamples(Path.Combine(root, "Operator.Tests", "testdata", "translation")));
        Assert.Null(LocalRun.FindSamples(Path.GetTempPath()));
    }

    [Fact]
    public async Task RunLocal_KubectlGetTp_EachPolicyThatCannotBeTrueShowsReadyFalseAndItsRootCause()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var directory = Directory.CreateTempSubdirectory("junction-run-truth-");
        var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var run = Task.Run(
            () => new RunCommand().RunAsync(["--local", "--kubeconfig", kubeconfig, "--no-samples"], new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null), stop.Token),
            CancellationToken.None);
        try
        {
            await Eventually.True(() => File.Exists(kubeconfig) || run.IsCompleted, "the kubeconfig is written", TimeSpan.FromSeconds(60));
            Assert.False(run.IsCompleted, "junction run --local stopped early");
            await Eventually.True(() => Kubectl.Run(kubeconfig, "get crd trafficpolicies.traffic.junction.dev").Result.ExitCode == 0, "the CRD is installed", TimeSpan.FromSeconds(30));
            var applied = await Kubectl.Run(kubeconfig, "apply -f -", Policies);
            Assert.True(applied.ExitCode == 0, applied.ToString());

            Dictionary<string, string[]> rows = [];
            await Eventually.True(
                () =>
                {
                    rows = Rows(Kubectl.Run(kubeconfig, "get tp -n truth").Result.Stdout);
                    return rows.Count == 3 && rows.Values.All(r => r[2] != "<none>");
                },
                "every policy has a Ready condition",
                TimeSpan.FromSeconds(30));
            var table = (await Kubectl.Run(kubeconfig, "get tp -n truth")).Stdout;

            Assert.StartsWith("NAME", table, StringComparison.Ordinal);
            Assert.Equal(["NAME", "READY", "REASON", "MODE", "HOSTS", "AGE"], table.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(["False", "NoProxies", "Sidecar"], rows["sidecar"][1..4]);
            // The gateway enforces a caller-free Deny itself: its config refuses every request, so
            // authorization is not a reason for Ready to be False.
            Assert.NotEqual("NotEnforced", rows["deny"][2]);
            Assert.Equal(["Gateway", "a.example.com,b.example.com"], rows["deny"][3..5]);
            var config = await Kubectl.Run(kubeconfig, "get configmap deny-proxy -n truth -o jsonpath={.data.haproxy\\.cfg}");
            Assert.Contains("http-request deny deny_status 403 unless", config.Stdout, StringComparison.Ordinal);
            Assert.Equal(["False", "BackendNotFound", "Gateway"], rows["missing"][1..4]);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
            directory.Delete(recursive: true);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private static Dictionary<string, string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length >= 4)
            .ToDictionary(cells => cells[0]);
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Junction.Cli;
using Junction.Hosting.Local;
using Junction.Tests.Distribution.EndToEnd;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Tests.Reconciliation;
using Xunit;
using Xunit.Abstractions;

namespace Junction.Tests.Hosting.Local;

/// <summary><c>junction run --local --proxies</c> with the canary sample, driven as the README says: kubectl annotate, then curl.</summary>
[Collection(Infrastructure.SerialCollection.Name)]
public sealed partial class RunLocalProxiesTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task CanarySample_CurlThroughTheLocalGatewayShowsTheSplit_AndStopEndsEveryProxy()
    {
        Skip.IfNot(HAProxyInstance.IsInstalled, "haproxy is not installed");
        Skip.If(GatewayBed.AgentBinary() is null, GatewayBed.AgentMissing);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var directory = Directory.CreateTempSubdirectory("junction-run-proxies-");
        var samples = Directory.CreateDirectory(Path.Combine(directory.FullName, "samples")).FullName;
        File.Copy(Path.Combine(ClusterFixture.RepositoryRoot(), "samples", "canary-split.yaml"), Path.Combine(samples, "canary-split.yaml"));
        var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
        var subnet = new byte[] { 127, (byte)Random.Shared.Next(64, 200), (byte)Random.Shared.Next(1, 250) };
        // The sample's checkout-v2 has a numeric targetPort (8080), so its endpoint listens on 8080.
        await using var v1 = await BackendServer.StartAsync("v1", new IPEndPoint(new IPAddress([.. subnet, 11]), 8080));
        await using var v2 = await BackendServer.StartAsync("v2", new IPEndPoint(new IPAddress([.. subnet, 12]), 8080));
        var printed = new StringWriter(new StringBuilder());
        var console = TextWriter.Synchronized(printed);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var run = Task.Run(
            () => new RunCommand().RunAsync(["--local", "--proxies", "--kubeconfig", kubeconfig, "--samples", samples, "--agent", GatewayBed.AgentBinary()!], new CliConsole(TextReader.Null, console, TextWriter.Null), stop.Token),
            CancellationToken.None);
        string Printed()
        {
            lock (console)
            {
                return printed.ToString();
            }
        }

        var listening = new List<IPEndPoint>();
        try
        {
            await Eventually.True(() => ListensOn().Count(Printed()) >= 2 || run.IsCompleted, "both replicas of the canary gateway print where they listen", TimeSpan.FromSeconds(120));
            Assert.False(run.IsCompleted, "run --local --proxies stopped early:\n" + Printed());
            listening.AddRange(ListensOn().Matches(Printed()).Select(m => IPEndPoint.Parse(m.Groups[1].Value)));
            output.WriteLine(string.Join('\n', Printed().Split('\n').Where(l => l.Contains("listens on", StringComparison.Ordinal))));
            Assert.Equal(2, listening.Select(e => e.Address).Distinct().Count());

            foreach (var (service, backend) in new[] { ("checkout", v1), ("checkout-v2", v2) })
            {
                var annotated = await Kubectl.Run(kubeconfig, $"annotate svc {service} -n shop {LocalEndpoints.Annotation}={backend.Endpoint}");
                Assert.True(annotated.ExitCode == 0, annotated.ToString());
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var gateway = listening[0];
            await Eventually.True(
                () => AnswerAsync(http, gateway, null).Result is "v1" or "v2",
                "the gateway reaches the annotated endpoints",
                TimeSpan.FromSeconds(60));
            // Each replica resolves the endpoints on its own (its resolvers retry every second).
            await Eventually.True(() => listening.All(l => AnswerAsync(http, l, "true").Result == "v2"), "x-canary: true pins the canary on both replicas", TimeSpan.FromSeconds(60));
            await Eventually.True(() => listening.All(l => AnswerAsync(http, l, null).Result is "v1" or "v2"), "both replicas reach checkout", TimeSpan.FromSeconds(60));

            // The sample: 90/10 on /api.
            const int requests = 200;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < requests; i++)
            {
                var backend = await AnswerAsync(http, listening[i % 2], null) ?? "(failed)";
                counts[backend] = counts.GetValueOrDefault(backend) + 1;
            }

            output.WriteLine($"{requests} requests: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
            Assert.Equal(requests, counts.GetValueOrDefault("v1") + counts.GetValueOrDefault("v2"));
            Assert.InRange(counts.GetValueOrDefault("v2"), requests / 20, requests * 3 / 20);

            var summary = await Kubectl.Run(kubeconfig, "get tp checkout -n shop -o jsonpath={.status.proxy.summary}");
            output.WriteLine("status.proxy.summary: " + summary.Stdout);
            Assert.Matches("^2 of 2 proxies run generation [0-9]+$", summary.Stdout.Trim());
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
            output.WriteLine(Printed());
            directory.Delete(recursive: true);
        }

        // Stopping the run stopped every proxy: nothing listens where they did.
        foreach (var endpoint in listening)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(endpoint));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    private static async Task<string?> AnswerAsync(HttpClient http, IPEndPoint gateway, string? canary)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{gateway}/api/orders");
        if (canary is not null)
        {
            request.Headers.Add("x-canary", canary);
        }

        try
        {
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode && response.Headers.TryGetValues(BackendServer.NameHeader, out var names) ? names.First() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"listens on [^;\n]*?(\d+\.\d+\.\d+\.\d+:8080)")]
    private static partial Regex ListensOn();
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Junction.Mesh.Identity;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// Leaf rotation without reload (MESH.md §5): a new certificate and key through the sidecar's
/// admin socket (<c>set ssl cert</c> + <c>commit ssl cert</c>), also written to the identity file
/// so a later reload reads it, while a bounded load loop runs from the client to checkout.
/// </summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshRotationTests(MeshBedFixture fixture)
{
    private const int Requests = 300;
    private const int Workers = 2;
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task LeafRotationOfServerAndClientUnderLoad_LosesNoRequest()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await bed.ApplyAsync([MeshFiles.Policy("security-strict.yaml")], limit.Token);
        bed.ClearRequests();
        var server = bed.Pod("checkout-v1");
        var client = bed.Pod("client");
        var probe = MeshTlsCaller.With(bed.Pod("legacy"), bed.Authority.IssueWithNewKey(new WorkloadIdentity(MeshBed.ClusterDomain, "shop", "frontend")), bed.Directory);
        var target = $"{server.Address}:8080";
        var servedBefore = await probe.ServerSerialAsync(target, limit.Token);
        var workersBefore = await WorkersAsync(server, client, limit.Token);

        var done = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var http = client.CreateHttpClient(TimeSpan.FromSeconds(5));
        using var loadLimit = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        loadLimit.CancelAfter(LoadLimit);
        var clock = Stopwatch.StartNew();
        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            while (!loadLimit.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref done);
                if (i > Requests)
                {
                    return;
                }

                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"http://checkout/rotation/{i}");
                    // A new client connection each time, so the sidecars keep opening connections while certificates change.
                    request.Headers.ConnectionClose = i % 2 == 0;
                    using var response = await http.SendAsync(request, loadLimit.Token);
                    var body = await response.Content.ReadAsStringAsync(loadLimit.Token);
                    if (response.StatusCode != HttpStatusCode.OK || !body.Contains("xfcc=URI=spiffe://cluster.local/ns/shop/sa/frontend", StringComparison.Ordinal))
                    {
                        failures.Enqueue($"#{i}: {(int)response.StatusCode} {body.Trim()}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failures.Enqueue($"#{i}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToArray();

        var rotations = new List<string>();
        foreach (var (pod, after) in new[] { (server, 50), (client, 100), (server, 150), (client, 200) })
        {
            while (Volatile.Read(ref done) < after && !load.All(t => t.IsCompleted))
            {
                await Task.Delay(5, limit.Token);
            }

            var serial = await RotateAsync(bed, pod, limit.Token);
            rotations.Add($"{pod.Name}@{Volatile.Read(ref done)}={serial}");
            Assert.Equal(serial, await LoadedSerialAsync(bed, pod, limit.Token));
            if (pod == server)
            {
                // New handshakes get the new leaf at once: no reload, same worker.
                Assert.Equal(serial, await probe.ServerSerialAsync(target, limit.Token));
            }
        }

        await Task.WhenAll(load);
        clock.Stop();

        Assert.False(loadLimit.IsCancellationRequested && Volatile.Read(ref done) <= Requests, $"the load loop ran out of time after {clock.Elapsed.TotalSeconds:0.0}s");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {Requests} requests failed during rotations {string.Join(", ", rotations)}: {string.Join(" | ", failures.Take(5))}");
        Assert.Equal(Requests, bed.App("checkout-v1").Requests.Count(r => r.Path.StartsWith("/rotation/", StringComparison.Ordinal)));
        Assert.Equal(4, rotations.Count);
        Assert.NotEqual(servedBefore, await probe.ServerSerialAsync(target, limit.Token));
        Assert.Equal(workersBefore, await WorkersAsync(server, client, limit.Token));

        // The file holds the committed leaf too, so a reload keeps it.
        using var onDisk = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(server.IdentityDirectory, "tls.pem"), limit.Token));
        Assert.Equal(await LoadedSerialAsync(bed, server, limit.Token), onDisk.SerialNumber.ToUpper(CultureInfo.InvariantCulture));
    }

    /// <summary>Each sidecar's reload count and worker pid: a rotation without reload leaves both as they were.</summary>
    private static async Task<string> WorkersAsync(MeshPod server, MeshPod client, CancellationToken ct)
    {
        var a = ProcessTable.Parse(await server.RequireSidecar().MasterAsync("show proc", ct));
        var b = ProcessTable.Parse(await client.RequireSidecar().MasterAsync("show proc", ct));
        return $"server reloads={a.Reloads} worker={a.CurrentWorker}, client reloads={b.Reloads} worker={b.CurrentWorker}";
    }

    /// <summary>Issues a new leaf for the pod's identity, writes it to the identity file, and swaps it into the running worker.</summary>
    private static async Task<string> RotateAsync(MeshBed bed, MeshPod pod, CancellationToken ct)
    {
        var issued = bed.Authority.IssueWithNewKey(pod.Identity ?? throw new InvalidOperationException($"{pod} has no identity"));
        var file = Path.Combine(pod.IdentityDirectory, "tls.pem");
        var staged = file + ".next";
        await File.WriteAllTextAsync(staged, issued.HAProxyPem, ct);
        await BedCommand.CheckedAsync(["chown", $"{MeshSidecar.ProxyUid}:{MeshSidecar.ProxyUid}", staged], ct);
        await BedCommand.CheckedAsync(["chmod", "0600", staged], ct);
        File.Move(staged, file, overwrite: true);

        var name = await LoadedNameAsync(bed, pod, ct);
        // The payload ends at the first empty line, so the PEM must have none inside.
        var payload = string.Join('\n', issued.HAProxyPem.Split('\n').Where(l => l.Length > 0));
        var set = await bed.AdminAsync(pod.Name, $"set ssl cert {name} <<\n{payload}\n", ct);
        Assert.True(set.Contains("Transaction created", StringComparison.Ordinal) || set.Contains("Transaction updated", StringComparison.Ordinal), $"set ssl cert {name}: {set}");
        var commit = await bed.AdminAsync(pod.Name, $"commit ssl cert {name}", ct);
        Assert.True(commit.Contains("Success!", StringComparison.Ordinal), $"commit ssl cert {name}: {commit}");

        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate.CertificatePem);
        return certificate.SerialNumber.ToUpper(CultureInfo.InvariantCulture);
    }

    /// <summary>The name the worker loaded the identity file under (the path in the config, with the bed's root).</summary>
    private static async Task<string> LoadedNameAsync(MeshBed bed, MeshPod pod, CancellationToken ct)
    {
        var list = await bed.AdminAsync(pod.Name, "show ssl cert", ct);
        return list.Split('\n').Select(l => l.Trim()).SingleOrDefault(l => l.EndsWith("identity/tls.pem", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{pod.Name}'s sidecar loaded no identity/tls.pem: {list}");
    }

    private static async Task<string> LoadedSerialAsync(MeshBed bed, MeshPod pod, CancellationToken ct)
    {
        var name = await LoadedNameAsync(bed, pod, ct);
        var details = await bed.AdminAsync(pod.Name, $"show ssl cert {name}", ct);
        var line = details.Split('\n').FirstOrDefault(l => l.StartsWith("Serial:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"show ssl cert {name}: {details}");
        return line["Serial:".Length..].Trim().ToUpper(CultureInfo.InvariantCulture);
    }
}

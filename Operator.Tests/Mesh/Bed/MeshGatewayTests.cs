using Junction.Api.V1Alpha1;
using Junction.HAProxy;
using Junction.Manifests;
using Junction.Mesh.Gateway;
using Junction.Mesh.Identity;
using Junction.Mesh.Sidecar;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Translation;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// A gateway joins the mesh, with real traffic on the bed: a "gateway pod" (the un-meshed legacy
/// pod, which has no capture rules) runs the rendered gateway config of policy shop/edge with an
/// identity from the bed's CA and calls checkout-v1, whose sidecar is Strict. Over mTLS the app
/// sees the gateway's SPIFFE ID; the same config without the TLS settings is refused; a sidecar
/// rule naming only the gateway's identity lets the gateway in and keeps the client pod out.
/// </summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshGatewayTests(MeshBedFixture fixture)
{
    private const string GatewayId = "spiffe://cluster.local/ns/shop/sa/default";
    private const int ListenPort = 18080;

    [SkippableFact]
    public async Task MeshedStrictBackend_GatewayCallsOverMtls_AppSeesTheGatewayIdentity()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var policies = MeshFiles.Policy("gateway-strict.yaml");
        await bed.ApplyAsync([policies], limit.Token);
        bed.ClearRequests();
        var config = Render(bed, policies, out var fragment);
        Assert.Contains("verifyhost checkout.shop", config, StringComparison.Ordinal);
        Assert.Equal(GatewayId, fragment.Mesh!.Identity.SpiffeId);

        using var gateway = StartGateway(bed, config, "mtls");
        var answer = await UntilAnsweredAsync(bed, "/through-gateway", limit.Token);

        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("URI=" + GatewayId, answer.Field("xfcc"));
        Assert.Equal(1, bed.App("checkout-v1").Hits("/through-gateway"));
    }

    [SkippableFact]
    public async Task MeshedStrictBackend_GatewayWithoutTls_IsRefused()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var policies = MeshFiles.Policy("gateway-strict.yaml");
        await bed.ApplyAsync([policies], limit.Token);
        bed.ClearRequests();
        var mtls = Render(bed, policies, out _);
        // The same config with the ssl settings taken off the servers: plaintext to a Strict sidecar.
        var plain = System.Text.RegularExpressions.Regex.Replace(mtls, " ssl crt \\S+ ca-file \\S+ verify required( verifyhost \\S+)?", "");
        Assert.DoesNotContain(" ssl ", plain, StringComparison.Ordinal);

        using var gateway = StartGateway(bed, plain, "plain");
        var refused = await UntilAnsweredAsync(bed, "/plaintext", limit.Token);

        // 502, not 503: the gateway found the endpoint and connected, and the sidecar closed on it.
        Assert.True(refused.Status == 502, "a Strict sidecar must refuse the gateway's plaintext: " + refused);
        Assert.Equal(0, bed.App("checkout-v1").Hits("/plaintext"));
    }

    [SkippableFact]
    public async Task SidecarRuleAllowingOnlyTheGateway_LetsTheGatewayInAndRefusesTheClientPod()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var policies = MeshFiles.Policy("gateway-authorization.yaml");
        await bed.ApplyAsync([policies], limit.Token);
        bed.ClearRequests();
        using var gateway = StartGateway(bed, Render(bed, policies, out _), "authz");

        var viaGateway = await UntilAnsweredAsync(bed, "/orders", limit.Token);
        var fromClient = await bed.Pod("client").CurlAsync("http://checkout/orders", ct: limit.Token);

        Assert.True(viaGateway.Status == 200, viaGateway.ToString());
        Assert.Equal("URI=" + GatewayId, viaGateway.Field("xfcc"));
        Assert.True(fromClient.Status == 403, "shop/frontend is not the gateway and must be refused: " + fromClient);
        Assert.Equal(1, bed.App("checkout-v1").Hits("/orders"));
    }

    // The gateway config of shop/edge as the operator renders it (meshed backends from the same
    // policies and workloads), with the bed's DNS and the identity directory of the gateway pod.
    private static string Render(MeshBed bed, string policyFile, out Junction.Ir.ProxyFragment fragment)
    {
        var documents = ManifestReader.ReadPath(MeshFiles.Workloads).Concat(ManifestReader.ReadPath(policyFile)).Select(d => d.Object).OfType<object>().ToList();
        var policies = documents.OfType<TrafficPolicy>().ToList();
        var services = documents.OfType<V1Service>().Where(s => s.Metadata.NamespaceProperty == "shop").ToDictionary(s => s.Metadata.Name);
        var workloads = documents.Select(ServingWorkload.From).OfType<ServingWorkload>().ToList();
        var options = TranslatorOptions.Default with
        {
            DnsNameservers = [bed.Dns.Nameserver],
            ListenPort = ListenPort,
            MetricsPort = ListenPort + 1,
            ServerStateFile = "",
        };
        var mesh = GatewayMeshing.Neighbourhood("shop", "edge", policies, services.GetValueOrDefault, workloads, MeshBed.ClusterDomain);
        var result = PolicyTranslator.Translate(policies.Single(p => p.Metadata.Name == "edge"), new TranslationContext(services, new Dictionary<string, V1Secret>(), options, Mesh: mesh));
        Assert.Empty(result.Problems);
        fragment = result.Fragment;
        return HAProxyConfigWriter.Write([fragment], PolicyTranslator.GlobalOptions(options) with { IdentityDirectory = IdentityDirectory(bed) });
    }

    private static string IdentityDirectory(MeshBed bed) => Path.Combine(bed.Directory, "gateway", "var/run/junction/identity");

    // The gateway's own leaf, as the operator issues it into <gateway>-identity, in the legacy pod's namespace.
    private static ChildProcess StartGateway(MeshBed bed, string config, string name)
    {
        var identity = IdentityDirectory(bed);
        Directory.CreateDirectory(identity);
        var leaf = bed.Authority.IssueWithNewKey(new WorkloadIdentity(MeshBed.ClusterDomain, "shop", "default"));
        File.WriteAllText(Path.Combine(identity, "tls.pem"), leaf.HAProxyPem);
        File.WriteAllText(Path.Combine(identity, "ca.pem"), bed.Authority.RootCertificatePem);
        var path = Path.Combine(bed.Directory, "gateway", name + ".cfg");
        File.WriteAllText(path, config);
        return ChildProcess.Start("ip", ["netns", "exec", bed.Pod("legacy").Netns, Tools.Require("haproxy"), "-db", "-f", path], Path.GetDirectoryName(path)!);
    }

    private static async Task WaitListeningAsync(MeshBed bed, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            var health = await bed.Pod("legacy").CurlAsync($"http://127.0.0.1:{ListenPort + 1}/healthz", maxSeconds: 1, ct: ct);
            if (health.Status == 200)
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("the gateway did not start listening");
    }

    // The gateway learns the endpoints from DNS after it starts: retry (bounded) until one answers.
    private static async Task<CurlResult> UntilAnsweredAsync(MeshBed bed, string path, CancellationToken ct)
    {
        await WaitListeningAsync(bed, ct);
        CurlResult last = null!;
        for (var i = 0; i < 40; i++)
        {
            last = await bed.Pod("legacy").CurlAsync($"http://127.0.0.1:{ListenPort}{path}", maxSeconds: 3, ct: ct);
            if (last.Status != 503)
            {
                return last;
            }

            await Task.Delay(250, ct);
        }

        return last;
    }
}

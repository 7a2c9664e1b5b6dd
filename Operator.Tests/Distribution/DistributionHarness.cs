using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Junction.Distribution;
using Junction.Mesh.Identity;
using Junction.Runtime.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.Distribution;

/// <summary>
/// The proxy API on a real Kestrel server (HTTPS on 127.0.0.1, a free port) over a fake token
/// reviewer, a fake cluster view and a fake clock, with a client that trusts Junction's CA only.
/// </summary>
internal sealed class DistributionHarness : IAsyncDisposable
{
    private readonly CertificateAuthority ca;
    private readonly X509Certificate2 root;

    public DistributionHarness(ProxyApiOptions? options = null, IWorkloadCertificateIssuer? externalIssuer = null)
    {
        // The CA signs with the real clock, so that the client sees a certificate valid now.
        ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);
        root = X509Certificate2.CreateFromPem(ca.RootCertificatePem);
        Options = (options ?? new ProxyApiOptions()) with { BindAddress = "127.0.0.1:0", Addresses = [IPAddress.Loopback] };
        Metrics = new DistributionMetrics(Registry);
        Ledger = new BundleLedger();
        Propagation = new PropagationTracker(Ledger, Metrics, Time);
        Store = new BundleStore(Propagation, Time);
        Reports = new ProxyRegistry(Ledger, Metrics, Propagation, Time);
        Gateways = new GatewayBundles(Store);
        Sidecars = new SidecarBundles(Store, View, new SidecarBundleOptions(), Time, NullLogger<SidecarBundles>.Instance);
        Certificate = new ServingCertificate(() => ca, [], Options.Addresses, Time, NullLogger<ServingCertificate>.Instance);
        Certificate.Renew();
        var parts = new ProxyApiParts(
            Reviewer,
            new ProxyAuthorizer(View),
            new IdentityRateLimiter(Time, Options.RatePerSecond, Options.RateBurst),
            Store,
            Sidecars,
            Ledger,
            Reports,
            View,
            () => ca,
            () => ca.RootCertificatePem,
            () => true,
            () => externalIssuer);
        Api = new ProxyApi(parts, Options, Metrics, Time, NullLogger<ProxyApi>.Instance);
        Server = new ProxyApiServer(Api, Certificate, Options, NullLogger<ProxyApiServer>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public FakeTokenReviewer Reviewer { get; } = new();

    public FakeDistributionView View { get; } = new();

    public MetricsRegistry Registry { get; } = new();

    public DistributionMetrics Metrics { get; }

    public ProxyApiOptions Options { get; }

    public BundleLedger Ledger { get; }

    public PropagationTracker Propagation { get; }

    public BundleStore Store { get; }

    public ProxyRegistry Reports { get; }

    public GatewayBundles Gateways { get; }

    public SidecarBundles Sidecars { get; }

    public ServingCertificate Certificate { get; }

    public ProxyApi Api { get; }

    public ProxyApiServer Server { get; }

    public Uri BaseAddress => Server.Uri ?? throw new InvalidOperationException("not started");

    public static async Task<DistributionHarness> StartAsync(ProxyApiOptions? options = null, IWorkloadCertificateIssuer? externalIssuer = null)
    {
        var harness = new DistributionHarness(options, externalIssuer);
        await harness.Server.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A client that verifies the server with Junction's root only, as agents do with ca.pem.</summary>
    public HttpClient Client(string? token, int maxConnections = int.MaxValue)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors) },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> polls are held, so that a clock advance lands inside them.</summary>
    public async Task HeldAsync(int count)
    {
        await Eventually.True(() => Api.HeldPolls >= count, $"{count} polls held", TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Reports.Dispose();
        Certificate.Dispose();
        root.Dispose();
        ca.Dispose();
    }

    private bool Trusted(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}

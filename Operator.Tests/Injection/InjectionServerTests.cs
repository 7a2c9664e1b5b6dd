using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Distribution;
using Junction.Injection;
using Junction.Mesh.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Junction.Tests.Injection;

/// <summary>The webhook on a real Kestrel server (HTTPS on 127.0.0.1, a free port), called as kube-apiserver calls it: trusting only the caBundle.</summary>
public sealed class InjectionServerTests : IAsyncLifetime
{
    private readonly CertificateAuthority ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);
    private readonly ServingCertificate certificate;
    private readonly InjectionServer server;
    private readonly FakeNamespaceLabels namespaces = new();

    public InjectionServerTests()
    {
        certificate = new ServingCertificate(() => ca, InjectionNames.ServiceNames("junction-system"), [IPAddress.Loopback], TimeProvider.System, NullLogger<ServingCertificate>.Instance, commonName: InjectionNames.Service);
        certificate.Renew();
        server = new InjectionServer(new InjectionWebhook(InjectionCases.Options, namespaces, NullLogger<InjectionWebhook>.Instance), () => certificate.Current, "127.0.0.1:0", NullLogger<InjectionServer>.Instance);
    }

    public Task InitializeAsync() => server.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        certificate.Dispose();
        ca.Dispose();
    }

    [Fact]
    public async Task Post_AdmissionReviewOverHttps_PatchedAndServedCertificateVerifiesAgainstCaBundle()
    {
        X509Certificate2? served = null;
        using var client = Client(c => served = c);

        using var response = await client.PostAsync(
            new Uri(server.Uri!, "/inject?timeout=5s"),
            new StringContent(InjectionCases.Review(InjectionCases.Pod(), uid: "https-1"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("https-1", true), (review["response"]!["uid"]!.GetValue<string>(), review["response"]!["allowed"]!.GetValue<bool>()));
        var patch = JsonNode.Parse(Convert.FromBase64String(review["response"]!["patch"]!.GetValue<string>()))!.AsArray();
        Assert.Contains(patch, op => op!["path"]!.GetValue<string>() == "/spec/initContainers");
        var names = served!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Equal(["junction-webhook.junction-system.svc", "junction-webhook.junction-system.svc.cluster.local"], names);
    }

    [Fact]
    public async Task Post_NoAdmissionReview_400WithTheReason()
    {
        using var client = Client();

        using var response = await client.PostAsync(new Uri(server.Uri!, "/inject"), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expected kind AdmissionReview of apiVersion admission.k8s.io/v1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Inject_MethodNotAllowed()
    {
        using var client = Client();

        using var response = await client.GetAsync(new Uri(server.Uri!, "/inject"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Connect_ClientTrustingAnotherCa_HandshakeRefused()
    {
        using var other = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);
        using var client = Client(trust: other.RootCertificatePem);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(server.Uri!, "/inject")));
    }

    // What kube-apiserver does with clientConfig.caBundle: trust exactly that bundle.
    private HttpClient Client(Action<X509Certificate2>? seen = null, string? trust = null)
    {
        var roots = X509CertificateLoader.LoadCertificate(X509Certificate2.CreateFromPem(trust ?? ca.RootCertificatePem).RawData);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                    {
                        return false;
                    }

                    var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    seen?.Invoke(leaf);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    chain.ChainPolicy.CustomTrustStore.Add(roots);
                    return chain.Build(leaf);
                },
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}

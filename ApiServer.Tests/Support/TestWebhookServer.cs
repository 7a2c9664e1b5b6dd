using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junction.ApiServer.Tests.Support;

/// <summary>
/// An admission webhook on 127.0.0.1 over HTTPS with a self-signed certificate made here (valid for
/// 127.0.0.1, localhost and hook.default.svc), answering every AdmissionReview with what the test says.
/// </summary>
public sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;

    private TestWebhookServer(WebApplication app, X509Certificate2 certificate, int port)
    {
        this.app = app;
        this.certificate = certificate;
        Port = port;
        CaBundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
    }

    public int Port { get; }

    /// <summary>The certificate as clientConfig.caBundle wants it: base64 of the PEM.</summary>
    public string CaBundle { get; }

    /// <summary>Every request's AdmissionReview.request, in arrival order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public string Url(string path) => $"https://127.0.0.1:{Port}{path}";

    /// <param name="respond">Given the path and AdmissionReview.request, returns the response (uid is filled in when absent).</param>
    /// <param name="delay">How long to wait before answering.</param>
    public static async Task<TestWebhookServer> Start(Func<string, JsonObject, JsonObject> respond, TimeSpan? delay = null)
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        TestWebhookServer? server = null;
        app.Run(async context =>
        {
            var review = (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body))!;
            var request = review["request"]!.AsObject();
            server!.Requests.Enqueue(request);
            if (delay is { } d)
            {
                await Task.Delay(d, context.RequestAborted);
            }

            var response = respond(context.Request.Path.Value ?? string.Empty, request);
            response["uid"] ??= request["uid"]!.DeepClone();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["kind"] = "AdmissionReview",
                ["response"] = response,
            }.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestWebhookServer(app, certificate, new Uri(address).Port);
        return server;
    }

    public static JsonObject Allow() => new() { ["allowed"] = true };

    public static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["allowed"] = true,
        ["patchType"] = "JSONPatch",
        ["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonArray(operations.Select(o => (JsonNode?)o).ToArray()).ToJsonString())),
    };

    public static JsonObject Deny(int code, string message) => new()
    {
        ["allowed"] = false,
        ["status"] = new JsonObject { ["code"] = code, ["message"] = message, ["reason"] = code == 403 ? "Forbidden" : "BadRequest" },
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=junction-test-webhook", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("hook.default.svc");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}

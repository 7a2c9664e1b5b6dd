using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Webhooks;

/// <summary>
/// POSTs an AdmissionReview over HTTPS, trusting only the webhook's caBundle (the system's roots when it
/// has none) and checking the server name, within the webhook's timeout. Failures come back as the text
/// Go's client would print after "failed to call webhook: ".
/// </summary>
internal static class WebhookCaller
{
    public static async Task<(JsonObject? Review, string? Error)> Call(WebhookSpec webhook, WebhookTarget target, JsonObject review)
    {
        var roots = CaBundle(webhook.ClientConfig["caBundle"]?.GetValue<string>());
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, ct) => Connect(target, ct),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, errors) => Trusted(cert, errors, roots),
            },
            UseProxy = false,
        };
        using var http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        // A network deadline, measured in real time like the socket's own: the injected clock may be frozen in tests.
        using var deadline = new CancellationTokenSource(webhook.Timeout);
        var post = $"Post \"{target.Url}\"";
        try
        {
            using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(target.Url), content, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"an error on the server (\"{Truncate(body)}\") has prevented the request from succeeding");
            }

            return JsonNode.Parse(body) is JsonObject parsed
                ? (parsed, null)
                : (null, "received invalid webhook response: the response is not an object");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (null, $"{post}: context deadline exceeded");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return (null, $"{post}: dial tcp {target.Host}:{target.Port}: connect: connection refused");
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            return (null, $"{post}: tls: failed to verify certificate: x509: certificate signed by unknown authority");
        }
        catch (HttpRequestException e)
        {
            return (null, $"{post}: {e.Message}");
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, $"received invalid webhook response: {e.Message}");
        }
    }

    private static async ValueTask<Stream> Connect(WebhookTarget target, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static X509Certificate2Collection? CaBundle(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        }
        catch (FormatException)
        {
            // An unreadable bundle trusts nothing; the handshake then fails as with a wrong CA.
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
        }

        return roots;
    }

    private static bool Trusted(X509Certificate? cert, SslPolicyErrors errors, X509Certificate2Collection? roots)
    {
        if (roots is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if (cert is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        var leaf = cert as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
        return chain.Build(leaf);
    }

    private static string Truncate(string body) => body.Length > 200 ? body[..200] : body;
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Junction.Agent.Api;

/// <summary>
/// The proxy API of the operator (HTTPS, verified against the trust bundle only, a Bearer token
/// re-read from the projected file on every call). Every failure surfaces as
/// <see cref="OperatorUnavailableException"/>, which the agent answers with backoff.
/// </summary>
internal sealed class OperatorClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly string tokenFile;
    private readonly string proxy;
    private readonly string instance;
    private readonly string? labels;

    /// <summary>A client for <paramref name="baseUri"/> that trusts only the CAs in <paramref name="caFile"/>.</summary>
    public OperatorClient(Uri baseUri, string caFile, string tokenFile, string proxy, string instance, string? labels)
    {
        var trust = new X509Certificate2Collection();
        trust.ImportFromPemFile(caFile);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(trust);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        this.baseUri = baseUri;
        this.tokenFile = tokenFile;
        this.proxy = proxy;
        this.instance = instance;
        this.labels = labels;
    }

    /// <summary><c>POST /v1/identity</c>.</summary>
    public async Task<IdentityResponse> IdentityAsync(string csrPem, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new IdentityRequest(csrPem), AgentJsonContext.Default.IdentityRequest);
        using var response = await SendAsync(HttpMethod.Post, "/v1/identity", body, TimeSpan.FromSeconds(30), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return JsonSerializer.Deserialize(text, AgentJsonContext.Default.IdentityResponse)
            ?? throw new OperatorUnavailableException("the identity answer was empty");
    }

    /// <summary><c>GET /v1/config</c>: the bundle when its hash differs from <paramref name="have"/>, or null after the long-poll (304).</summary>
    public async Task<ConfigBundle?> ConfigAsync(string? have, TimeSpan wait, CancellationToken ct)
    {
        var query = new StringBuilder("/v1/config?proxy=").Append(Uri.EscapeDataString(proxy))
            .Append("&instance=").Append(Uri.EscapeDataString(instance))
            .Append("&wait=").Append((int)wait.TotalSeconds);
        if (have is not null)
        {
            query.Append("&have=").Append(Uri.EscapeDataString(have));
        }

        if (labels is not null)
        {
            query.Append("&labels=").Append(Uri.EscapeDataString(labels));
        }

        using var response = await SendAsync(HttpMethod.Get, query.ToString(), null, wait + TimeSpan.FromSeconds(15), ct);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        return JsonSerializer.Deserialize(text, AgentJsonContext.Default.ConfigBundle)
            ?? throw new OperatorUnavailableException("the config answer was empty");
    }

    /// <summary><c>POST /v1/status</c>.</summary>
    public async Task StatusAsync(StatusReport report, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(report, AgentJsonContext.Default.StatusReport);
        using var response = await SendAsync(HttpMethod.Post, "/v1/status", body, TimeSpan.FromSeconds(10), ct);
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? json, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(baseUri, pathAndQuery));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(tokenFile, cts.Token)).Trim());
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new OperatorUnavailableException(method + " " + pathAndQuery.Split('?')[0] + " failed: " + e.Message, null, e);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return response;
        }

        using (response)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            throw new OperatorUnavailableException(
                method + " " + pathAndQuery.Split('?')[0] + " answered " + (int)response.StatusCode + ": " + (detail.Length > 300 ? detail[..300] : detail),
                retryAfter);
        }
    }
}

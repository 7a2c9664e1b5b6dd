using System.Net;

namespace Junction.Tests.HAProxy.Traffic;

/// <summary>HTTP clients for driving a gateway: no proxy, no redirects, short timeouts.</summary>
internal static class TrafficClient
{
    public static HttpClient Create(Uri baseAddress, Version? version = null, int maxConnections = 64) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            MaxConnectionsPerServer = maxConnections,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(10),
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    /// <summary>Sends one request and returns the status and the name of the backend that answered.</summary>
    public static async Task<(HttpStatusCode Status, string? Backend)> SendAsync(this HttpClient client, HttpMethod method, string path, IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Version = client.DefaultRequestVersion,
            VersionPolicy = client.DefaultVersionPolicy,
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, ct);
        var backend = response.Headers.TryGetValues(Harness.BackendServer.NameHeader, out var v) ? v.First() : null;
        return (response.StatusCode, backend);
    }
}

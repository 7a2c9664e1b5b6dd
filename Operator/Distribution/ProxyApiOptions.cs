using System.Net;

namespace Junction.Distribution;

/// <summary>Where the proxy API listens and the bounds that keep its memory bounded.</summary>
internal sealed record ProxyApiOptions
{
    /// <summary>The agents' port (agent-contract).</summary>
    public const int DefaultPort = 15012;

    /// <summary>host:port, :port or 0 (disabled).</summary>
    public string BindAddress { get; init; } = ":" + DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The longest a config poll is held (agents ask for 25 s).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a poll without <c>wait</c> is held.</summary>
    public TimeSpan DefaultWait { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Polls held at once; more are answered 429. Each costs one connection and a few KiB.</summary>
    public int MaxHeldPolls { get; init; } = 20_000;

    /// <summary>Open connections at once (Kestrel's limit); past it new connections wait in the backlog.</summary>
    public long MaxConnections { get; init; } = 25_000;

    /// <summary>The largest request body: a CSR or a status with HAProxy's error text fits easily.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The longest error text kept per instance; longer ones are cut.</summary>
    public int MaxErrorLength { get; init; } = 4096;

    /// <summary>Requests a second each caller (ServiceAccount and pod) may make.</summary>
    public double RatePerSecond { get; init; } = 5;

    /// <summary>Requests a caller may make at once.</summary>
    public double RateBurst { get; init; } = 20;

    /// <summary>The SPIFFE trust domain of the identities the proxy API hands out.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Lifetime of the workload certificates the proxy API hands out (Junction's CA or an external issuer).</summary>
    public TimeSpan LeafLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>DNS names of the serving certificate.</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>IP addresses of the serving certificate (127.0.0.1 for local runs).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [IPAddress.Loopback];

    /// <summary>The serving certificate's names for the operator in <paramref name="operatorNamespace"/>.</summary>
    public static IReadOnlyList<string> ServiceNames(string operatorNamespace) =>
        [$"junction-proxy-api.{operatorNamespace}.svc", $"junction-proxy-api.{operatorNamespace}.svc.cluster.local"];
}

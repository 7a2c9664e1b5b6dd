using System.Collections.Immutable;

namespace Junction.HAProxy;

/// <summary>Settings of a whole proxy process, shared by every fragment it serves.</summary>
internal sealed record HAProxyGlobalOptions
{
    /// <summary>DNS servers as ip:port; empty uses the host's /etc/resolv.conf.</summary>
    public ImmutableArray<string> Nameservers { get; init; } = [];

    /// <summary>Port of /metrics and /healthz.</summary>
    public int MetricsPort { get; init; } = 8404;

    /// <summary>Address every listener binds; empty for all IPv4 addresses.</summary>
    public string BindAddress { get; init; } = "";

    /// <summary>
    /// File a new worker loads its servers' state (DNS-resolved addresses) from after a reload;
    /// empty leaves it out, so a new worker starts with no address until its first DNS answer.
    /// </summary>
    public string ServerStateFile { get; init; } = "";

    /// <summary>
    /// The runtime API socket (level admin) the agent in the pod uses for map updates and leaf
    /// rotation; empty leaves it out (rollout delivery: nothing in the pod talks to HAProxy).
    /// </summary>
    public string AdminSocket { get; init; } = "";

    /// <summary>Resolvers <c>hold valid</c>: how long a DNS answer is trusted.</summary>
    public TimeSpan DnsHoldValid { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Resolvers <c>hold obsolete</c>: how long an endpoint gone from the answers keeps its slot.</summary>
    public TimeSpan DnsHoldObsolete { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most concurrent connections of the process. Null lets HAProxy derive it from the file
    /// descriptor limit, which never fails to start where that limit is low.
    /// </summary>
    public int? MaxConnections { get; init; }

    /// <summary>
    /// Where a gateway finds its mesh identity: <c>tls.pem</c> (leaf + key) and <c>ca.pem</c> (trust
    /// bundle), the directory the sidecars use too. Tests prefix it to run a gateway outside a container.
    /// </summary>
    public string IdentityDirectory { get; init; } = "/var/run/junction/identity";

    /// <summary>The defaults.</summary>
    public static HAProxyGlobalOptions Default { get; } = new();
}

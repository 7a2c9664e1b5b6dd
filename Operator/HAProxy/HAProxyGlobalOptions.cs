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
    /// Most concurrent connections of the process. Null lets HAProxy derive it from the file
    /// descriptor limit, which never fails to start where that limit is low.
    /// </summary>
    public int? MaxConnections { get; init; }

    /// <summary>The defaults.</summary>
    public static HAProxyGlobalOptions Default { get; } = new();
}

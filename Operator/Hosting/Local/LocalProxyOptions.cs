namespace Junction.Hosting.Local;

/// <summary>How a local run starts real proxies.</summary>
/// <param name="Operator">The operator's proxy API, as agents dial it.</param>
/// <param name="OperatorCaFile">The trust bundle that verifies the proxy API's certificate.</param>
/// <param name="AgentPath">The junction-agent executable.</param>
/// <param name="HAProxyPath">The haproxy executable the agents start.</param>
/// <param name="RootDirectory">Where each proxy's files live (one directory per instance, used as the agent's --root).</param>
/// <param name="Resolver">The local DNS the proxies' resolvers ask (the cluster DNS of a pod).</param>
internal sealed record LocalProxyOptions(Uri Operator, string OperatorCaFile, string AgentPath, string HAProxyPath, string RootDirectory, System.Net.IPEndPoint Resolver)
{
    /// <summary>How often agents report even when nothing changed (the agent's default: 30 s).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first of the loopback addresses gateways get, one each: 127.0.1.1, 127.0.1.2, ...</summary>
    public System.Net.IPAddress FirstAddress { get; init; } = new([127, 0, 1, 1]);

    /// <summary>The audience of the ServiceAccount tokens proxies present, as in a pod's projected token.</summary>
    public const string TokenAudience = "junction";

    /// <summary>Lifetime of those tokens; renewed at four fifths of it.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
}

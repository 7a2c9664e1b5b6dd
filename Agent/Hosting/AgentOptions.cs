namespace Junction.Agent.Hosting;

/// <summary>The agent's command line (<c>junction-agent run ...</c>), with every path under <see cref="Root"/>.</summary>
internal sealed record AgentOptions
{
    /// <summary>The operator's proxy API, e.g. <c>https://junction-proxy-api.junction-system.svc:15012</c>.</summary>
    public required Uri Operator { get; init; }

    /// <summary>PEM trust bundle the operator's serving certificate is verified with.</summary>
    public required string OperatorCa { get; init; }

    /// <summary>The proxy, <c>gateway/&lt;ns&gt;/&lt;name&gt;</c> or <c>sidecar/&lt;ns&gt;/&lt;serviceaccount&gt;</c>.</summary>
    public required string Proxy { get; init; }

    /// <summary>The pod name.</summary>
    public required string Instance { get; init; }

    /// <summary>The projected ServiceAccount token, re-read on every call (the kubelet rotates it).</summary>
    public required string TokenFile { get; init; }

    /// <summary>Prefix of every in-container path (empty in a pod).</summary>
    public string Root { get; init; } = "";

    /// <summary>The haproxy executable.</summary>
    public string HAProxy { get; init; } = "haproxy";

    /// <summary>Readiness port (<c>/healthz/ready</c>).</summary>
    public int HealthPort { get; init; } = 15021;

    /// <summary>Address the readiness port binds (all addresses in a pod; loopback in tests).</summary>
    public string HealthAddress { get; init; } = "0.0.0.0";

    /// <summary>Outside a pod: the address the bundle's wildcard listeners bind (<c>bind :8080</c>); null in a pod.</summary>
    public string? BindAddress { get; init; }

    /// <summary>Outside a pod: host:port of the name server HAProxy's resolvers ask instead of resolv.conf; null in a pod.</summary>
    public string? Resolver { get; init; }

    /// <summary>Pod labels, sent only when given (for tokens without a pod name).</summary>
    public string? Labels { get; init; }

    /// <summary>How often the agent reports what runs even when nothing changed.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the operator may hold a config long-poll (≤ 30 s).</summary>
    public TimeSpan PollWait { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>The bundle directory.</summary>
    public string BundleDirectory => Path.Join(Root, "/etc/junction/proxy");

    /// <summary>The bundle's haproxy.cfg.</summary>
    public string ConfigFile => Path.Join(BundleDirectory, "haproxy.cfg");

    /// <summary>Leaf chain and key.</summary>
    public string IdentityCertificate => Path.Join(Root, "/var/run/junction/identity/tls.pem");

    /// <summary>The trust bundle HAProxy verifies peers with.</summary>
    public string IdentityCa => Path.Join(Root, "/var/run/junction/identity/ca.pem");

    /// <summary>HAProxy's runtime API (the bundle's <c>stats socket</c>).</summary>
    public string AdminSocket => Path.Join(Root, "/var/run/junction/admin.sock");

    /// <summary>The master CLI socket the agent starts HAProxy with.</summary>
    public string MasterSocket => Path.Join(Root, "/var/run/junction/master.sock");

    /// <summary>HAProxy's pid file (the master's pid).</summary>
    public string PidFile => Path.Join(Root, "/var/run/junction/haproxy.pid");
}

using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// The sections behind the RequestMirror filters of one fragment: per mirrored Service port, an
/// internal frontend on an abstract socket (reachable only inside the proxy's network namespace)
/// that the Lua action posts copies to, and a backend that finds the Service's endpoints through
/// DNS like every other backend. The copies thus get the policy's connect and request timeouts,
/// no retries, and a server-template that pod churn never changes.
/// </summary>
internal static class MirrorWriter
{
    /// <summary>The header the Lua action carries the copy's real method in.</summary>
    public const string MethodHeader = "x-junction-mirror-method";

    /// <summary>The mirror targets of a fragment, one per Service port, in first-use order.</summary>
    public static List<BackendTarget> Targets(ProxyFragment f) => f.Protocol == AppProtocol.Tcp
        ? []
        : f.Routes.SelectMany(r => r.Filters).OfType<MirrorRule>().Where(m => m.Percent > 0).Select(m => m.Target).Distinct().ToList();

    /// <summary>The address the Lua action posts copies for a target to.</summary>
    public static string Address(ProxyFragment f, BackendTarget target, HAProxyGlobalOptions options) =>
        "abns@" + HAProxyNames.TriesSocket(options, HAProxyNames.Mirror(f, target));

    /// <summary>How long a copy may take: the policy's whole-request timeout.</summary>
    public static TimeSpan Timeout(ProxyFragment f) => f.DefaultRoute.Requests.Request;

    /// <summary>Writes the frontend and backend of every mirror target of a fragment.</summary>
    /// <param name="cfg">The config being written.</param>
    /// <param name="f">The fragment whose routes mirror.</param>
    /// <param name="options">Process-wide settings.</param>
    /// <param name="serverTls">
    /// Per target, the TLS options of its servers (a sidecar reaches meshed endpoints over mTLS,
    /// like its other backends); null, or a null result, writes plaintext servers.
    /// </param>
    public static void Write(ConfigText cfg, ProxyFragment f, HAProxyGlobalOptions options, Func<BackendTarget, string?>? serverTls = null)
    {
        var requests = f.DefaultRoute.Requests;
        foreach (var target in Targets(f))
        {
            var name = HAProxyNames.Mirror(f, target);
            var about = "copies of mirrored requests for Service " + f.Namespace + "/" + target.ServiceName + " port " + HAProxyText.Int(target.Port);
            cfg.Section("frontend " + name);
            cfg.Comment(about);
            cfg.Line("mode http");
            cfg.Line("bind " + Address(f, target, options));
            cfg.Line("no log");
            cfg.Line("timeout client " + HAProxyText.Time(requests.Request));
            cfg.Line("http-request set-method %[req.hdr(" + MethodHeader + ")] if { req.hdr(" + MethodHeader + ") -m found }");
            cfg.Line("http-request del-header " + MethodHeader);
            cfg.Line("default_backend " + name);

            cfg.Section("backend " + name);
            cfg.Comment(about);
            cfg.Line("mode http");
            cfg.Line("balance roundrobin");
            cfg.Line("timeout connect " + HAProxyText.Time(requests.Connect));
            cfg.Line("timeout server " + HAProxyText.Time(requests.Request));
            cfg.Line("timeout queue " + HAProxyText.Time(requests.Queue));
            cfg.Line("retries 0");
            cfg.Line("default-server init-addr last,none resolvers " + HAProxyNames.Resolvers + " resolve-prefer ipv4" + (FrontendWriter.IsH2(f) ? " proto h2" : "") +
                (serverTls?.Invoke(target) is { } tls ? " " + tls : ""));
            if (target.Resolved)
            {
                var address = target.Discovery.IsSrv
                    ? target.Discovery.Name
                    : target.Discovery.Name + ":" + HAProxyText.Int(target.Discovery.Port!.Value);
                cfg.Line("server-template " + HAProxyNames.ServerPrefix(target) + " " + HAProxyText.Int(f.Endpoints.EndpointSlots) + " " + address);
            }
            else
            {
                cfg.Comment("unresolved reference: no servers, copies are dropped");
            }
        }
    }
}

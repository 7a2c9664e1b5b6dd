using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// spec.authorization at a gateway: the rules that name no callers (methods and paths), checked
/// on the normalised path before any route is chosen. A gateway sees no client identity, so a
/// rule naming callers allows nothing there (status reports it as not enforced). Normalising
/// rewrites the request itself, so routes, filters and the backend all see the path that was
/// authorised: "/a/./b", "/a//b", "/a/x/../b" and "/a/%2e%2e/b" cannot reach what "/b" may not.
/// Encoded separators (%2F, %5C) and backslashes are refused outright, since a backend may decode
/// them into a path the check never saw.
/// </summary>
internal static class AccessWriter
{
    private const string AllowedVar = "txn.jn_allowed";

    /// <summary>
    /// True when the fragment's frontend checks requests, and so normalises their paths first. A
    /// policy that lets every request through leaves paths as they came.
    /// </summary>
    public static bool Normalizes(ProxyFragment f) =>
        f.Mode == ProxyMode.Gateway && f.Protocol != AppProtocol.Tcp && f.Security.Access is { } access && !AllowsEverything(access);

    public static void WriteHttp(ConfigText cfg, ProxyFragment f)
    {
        if (!Normalizes(f))
        {
            return;
        }

        var access = f.Security.Access!;
        WritePathNormalization(cfg, refuseIf: null);

        for (var i = 0; i < access.Rules.Count; i++)
        {
            var rule = access.Rules[i];
            if (rule.NamesCallers)
            {
                cfg.Comment(rule.FieldPath + " names callers, whose identity a gateway never sees: it allows nothing here (the backend's sidecars enforce identity rules)");
                continue;
            }

            var acls = new List<string>();
            var id = "acl_az" + HAProxyText.Int(i);
            if (!rule.Methods.IsEmpty)
            {
                cfg.Line("acl " + id + "_method method " + string.Join(" ", rule.Methods.Select(HAProxyText.Quote)));
                acls.Add(id + "_method");
            }

            if (!rule.Paths.IsEmpty)
            {
                foreach (var path in rule.Paths)
                {
                    cfg.Line("acl " + id + "_path " + (path.IsPrefix ? "path_beg" : "path") + " -- " + HAProxyText.Quote(path.Value));
                }

                acls.Add(id + "_path");
            }

            cfg.Line("http-request set-var(" + AllowedVar + ") bool(true)" + (acls.Count == 0 ? "" : " if " + string.Join(" ", acls)));
        }

        cfg.Line("http-request deny deny_status 403 unless { var(" + AllowedVar + ") -m bool }");
    }

    /// <summary>
    /// The path normalisation every authorization check runs on, at gateways and in sidecars
    /// alike: unreserved characters decoded first (so "%2e%2e" is a ".." segment), then merged
    /// slashes, "." and ".." segments removed ("full": a ".." above the root is dropped too), and
    /// encoded separators or backslashes refused with 400. Needs expose-experimental-directives on 2.6.
    /// </summary>
    /// <param name="cfg">The section being written.</param>
    /// <param name="refuseIf">An ACL condition (without "if") the 400 applies under, or null for every request.</param>
    public static void WritePathNormalization(ConfigText cfg, string? refuseIf)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        // Unconditional: 2.6.12 accepts "normalize-uri ... if <cond>" but then rewrites nothing,
        // even when the condition is true (measured), so a condition would silently disable it.
        cfg.Line("http-request normalize-uri percent-decode-unreserved");
        cfg.Line("http-request normalize-uri path-merge-slashes");
        cfg.Line("http-request normalize-uri path-strip-dot");
        cfg.Line("http-request normalize-uri path-strip-dotdot full");
        cfg.Line("http-request deny deny_status 400 if " + (refuseIf is null ? "" : refuseIf + " ") + "{ path -m sub -i %2f %5c \"\\\\\" }");
    }

    /// <summary>TCP has no methods or paths: a connection is allowed by a rule that names no callers, or by default.</summary>
    public static void WriteTcp(ConfigText cfg, ProxyFragment f)
    {
        if (f.Mode != ProxyMode.Gateway || f.Security.Access is not { } access || AllowsEverything(access))
        {
            return;
        }

        cfg.Comment("spec.authorization allows no connection a gateway can identify");
        cfg.Line("tcp-request connection reject");
    }

    // defaultAction Allow, or a rule with no callers, methods or paths, lets every request through.
    private static bool AllowsEverything(AccessPolicy access) =>
        access.AllowByDefault || access.Rules.Any(r => !r.NamesCallers && r.Methods.IsEmpty && r.Paths.IsEmpty);
}

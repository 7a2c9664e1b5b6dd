using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// The filters of one route as frontend rules guarded by the route's condition, in spec order:
/// header changes, URL rewrites, redirects, injected faults and mirrors. Every user string is a
/// quoted literal.
/// </summary>
internal static class FilterWriter
{
    // Set when this request was picked for the route's mirror (one mirror per route).
    private const string MirrorVar = "txn.jn_mirror";

    // How long the proxy waits for a mirrored request's body before it forwards the original.
    private const string MirrorBodyWait = "1s";

    public static void Write(ConfigText cfg, RouteRule route, string condition, string schemeVar, ProxyFragment f, HAProxyGlobalOptions options)
    {
        foreach (var filter in route.Filters)
        {
            switch (filter)
            {
                case HeaderChange h:
                    HeaderRules(cfg, h, condition);
                    break;
                case UrlRewriteRule r:
                    RewriteRules(cfg, r, condition);
                    break;
                case RedirectRule r:
                    RedirectRules(cfg, r, condition, schemeVar);
                    break;
                case FaultInjectionRule fault:
                    FaultRules(cfg, fault, condition);
                    break;
                case MirrorRule mirror:
                    MirrorRules(cfg, mirror, condition, f, options);
                    break;
            }
        }
    }

    private static void HeaderRules(ConfigText cfg, HeaderChange h, string condition)
    {
        var keyword = h.Direction == HeaderDirection.Request ? "http-request" : "http-response";
        foreach (var name in h.Remove)
        {
            cfg.Line(keyword + " del-header " + HAProxyText.Quote(name) + " if " + condition);
        }

        foreach (var header in h.Set)
        {
            cfg.Line(keyword + " set-header " + HAProxyText.Quote(header.Name) + " " + HAProxyText.Quote(HAProxyText.LogFormatLiteral(header.Value)) + " if " + condition);
        }

        foreach (var header in h.Add)
        {
            cfg.Line(keyword + " add-header " + HAProxyText.Quote(header.Name) + " " + HAProxyText.Quote(HAProxyText.LogFormatLiteral(header.Value)) + " if " + condition);
        }
    }

    private static void RewriteRules(ConfigText cfg, UrlRewriteRule r, string condition)
    {
        if (r.Hostname is { } host)
        {
            cfg.Line("http-request set-header host " + HAProxyText.Quote(HAProxyText.LogFormatLiteral(host)) + " if " + condition);
        }

        if (r.Path is { ReplaceFullPath: { } full })
        {
            cfg.Line("http-request set-path " + HAProxyText.Quote(HAProxyText.LogFormatLiteral(full)) + " if " + condition);
        }
        else if (r.Path is { ReplacePrefix: { } replacement } path)
        {
            // One expression over all the route's prefixes (longest first), so a path rewritten
            // for one prefix is never rewritten again for another.
            var prefixes = Prefixes(path);
            var alternatives = "(?:" + string.Join("|", prefixes.Select(HAProxyText.RegexLiteral)) + ")";
            var target = replacement.TrimEnd('/');
            var (regex, result) = target.Length == 0
                ? ("^" + alternatives + "/?(.*)$", "/\\1")
                : ("^" + alternatives + "(/.*)?$", HAProxyText.ReplacementLiteral(target) + "\\1");
            cfg.Line("http-request replace-path " + HAProxyText.Quote(regex) + " " + HAProxyText.Quote(result) + " if " + condition);
        }
    }

    private static void RedirectRules(ConfigText cfg, RedirectRule r, string condition, string schemeVar)
    {
        var scheme = r.Scheme is null ? "%[var(" + schemeVar + ")]" : HAProxyText.LogFormatLiteral(r.Scheme);
        var host = r.Hostname is null ? null : HAProxyText.LogFormatLiteral(r.Hostname);
        var authority = r.Port is { } port
            ? (host ?? "%[req.hdr(host),field(1,:)]") + ":" + HAProxyText.Int(port)
            : host ?? (r.Scheme is null ? "%[req.hdr(host)]" : "%[req.hdr(host),field(1,:)]");
        var origin = scheme + "://" + authority;
        var code = " code " + HAProxyText.Int(r.StatusCode);
        switch (r.Path)
        {
            case null:
                cfg.Line("http-request redirect location " + HAProxyText.Quote(origin + "%[pathq]") + code + " if " + condition);
                break;
            case { ReplaceFullPath: { } full }:
                cfg.Line("http-request redirect location " + HAProxyText.Quote(origin + HAProxyText.LogFormatLiteral(full)) + code + " if " + condition);
                break;
            case { ReplacePrefix: { } replacement } path:
                // The rest of the path after the matched prefix keeps its leading '/'.
                var target = HAProxyText.LogFormatLiteral(replacement.TrimEnd('/'));
                foreach (var prefix in Prefixes(path))
                {
                    var rest = prefix.Length == 0 ? "%[path]" : "%[path,bytes(" + HAProxyText.Int(prefix.Length) + ")]";
                    var onPrefix = "{ path_reg -- " + HAProxyText.Quote("^" + HAProxyText.RegexLiteral(prefix) + "(/|$)") + " }";
                    cfg.Line("http-request redirect location " + HAProxyText.Quote(origin + target + rest) + code + " if " + condition + " " + onPrefix);
                }

                break;
        }
    }

    // Each fault has its own draw, so delay and abort shares are independent, as in Envoy; the
    // delay comes first, so a request picked for both is answered late with the abort status.
    private static void FaultRules(ConfigText cfg, FaultInjectionRule fault, string condition)
    {
        if (fault.Delay is { } delay && fault.DelayPercent > 0)
        {
            var ms = (long)Math.Ceiling(delay.TotalMilliseconds);
            cfg.Line("http-request lua.junction_delay " + ms.ToString(System.Globalization.CultureInfo.InvariantCulture) + " if " + condition + Share(fault.DelayPercent));
        }

        if (fault.AbortStatus is { } status && fault.AbortPercent > 0)
        {
            // 204 and 304 answers carry no body by definition; HAProxy refuses one.
            var body = status is 204 or 304 ? "" : " content-type text/plain string \"fault injected\"";
            cfg.Line("http-request return status " + HAProxyText.Int(status) + body + " if " + condition + Share(fault.AbortPercent));
        }
    }

    // The body is waited for only on requests picked for the copy, and only until MirrorRule.BodyLimit
    // bytes or the end of the body are in, so the original is not held back for longer than its
    // body takes to arrive (1s at most).
    private static void MirrorRules(ConfigText cfg, MirrorRule mirror, string condition, ProxyFragment f, HAProxyGlobalOptions options)
    {
        if (mirror.Percent == 0)
        {
            return;
        }

        var picked = "{ var(" + MirrorVar + ") -m bool }";
        var timeout = (long)Math.Ceiling(MirrorWriter.Timeout(f).TotalMilliseconds);
        cfg.Line("http-request set-var(" + MirrorVar + ") bool(true) if " + condition + Share(mirror.Percent));
        cfg.Line("http-request wait-for-body time " + MirrorBodyWait + " at-least " + HAProxyText.Int(MirrorRule.BodyLimit + 1) + " if " + picked);
        cfg.Line("http-request lua.junction_mirror " + MirrorWriter.Address(f, mirror.Target, options) + " " +
            timeout.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + HAProxyText.Int(MirrorRule.BodyLimit) + " if " + picked);
    }

    // A random draw out of 100 per rule; nothing when every request is picked.
    private static string Share(int percent) => percent >= 100 ? "" : " { rand(100) lt " + HAProxyText.Int(percent) + " }";

    // Prefixes without their trailing '/', longest first; "/" becomes "" (everything matches).
    private static List<string> Prefixes(PathReplacement path)
    {
        var list = path.MatchedPrefixes.IsEmpty ? ["/"] : path.MatchedPrefixes.ToList();
        return list
            .Select(p => p == "/" ? "" : p.TrimEnd('/'))
            .Distinct()
            .OrderByDescending(p => p.Length)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
    }
}

using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// The filters of one route as frontend rules guarded by the route's condition, in spec order:
/// header changes, URL rewrites and redirects. Every user string is a quoted literal.
/// </summary>
internal static class FilterWriter
{
    public static void Write(ConfigText cfg, RouteRule route, string condition, string schemeVar)
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

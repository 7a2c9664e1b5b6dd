using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// Declares the ACLs of one route match and returns their names, which must all hold. A prefix
/// match is segment-aware: two declarations of one ACL name (exact path, or path under it/) OR together.
/// </summary>
internal static class MatchAcls
{
    public static List<string> Write(ConfigText cfg, RouteMatchRule match, string id)
    {
        var names = new List<string>();
        if (match.Path is { } path)
        {
            var name = "acl_" + id + "_path";
            foreach (var test in PathTests(path))
            {
                cfg.Line("acl " + name + " " + test);
            }

            names.Add(name);
        }

        if (match.Method is { } method)
        {
            var name = "acl_" + id + "_method";
            cfg.Line("acl " + name + " method " + HAProxyText.Quote(method));
            names.Add(name);
        }

        for (var k = 0; k < match.Headers.Count; k++)
        {
            var name = "acl_" + id + "_h" + HAProxyText.Int(k);
            cfg.Line("acl " + name + " " + ValueTest("req.fhdr", match.Headers[k]));
            names.Add(name);
        }

        for (var k = 0; k < match.QueryParams.Count; k++)
        {
            var name = "acl_" + id + "_q" + HAProxyText.Int(k);
            cfg.Line("acl " + name + " " + ValueTest("urlp", match.QueryParams[k]));
            names.Add(name);
        }

        return names;
    }

    private static IEnumerable<string> PathTests(PathCondition path) => path.Kind switch
    {
        PathMatchKind.Exact => ["path -- " + HAProxyText.Quote(path.Value)],
        PathMatchKind.RegularExpression => ["path_reg -- " + HAProxyText.Quote(path.Value)],
        _ when path.Value == "/" => ["path_beg -- \"/\""],
        _ => ["path -- " + HAProxyText.Quote(path.Value), "path_beg -- " + HAProxyText.Quote(path.Value + "/")],
    };

    // "--" ends the flags, so a value starting with '-' is a value, not a flag.
    private static string ValueTest(string fetch, ValueCondition condition) =>
        HAProxyText.Quote(fetch + "(" + HAProxyText.FetchArgument(condition.Name) + ")") +
        (condition.IsRegex ? " -m reg -- " : " -m str -- ") +
        HAProxyText.Quote(condition.Value);
}

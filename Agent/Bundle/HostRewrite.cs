using System.Text;
using Junction.Agent.Api;

namespace Junction.Agent.Bundle;

/// <summary>
/// What changes in a bundle's haproxy.cfg when the agent runs outside a pod (<c>--root</c>,
/// <c>--bind-address</c>, <c>--resolver</c>), so that several proxies share one machine:
/// in-container paths (<c>/etc/junction/</c>, <c>/var/run/junction/</c>, <c>/var/run/haproxy/</c>) get the
/// root prefix, a relative <c>lua-load</c> names the bundle directory, listeners on all addresses
/// (<c>bind :8080</c>) listen on the given address, abstract socket names (<c>abns@</c>, one namespace
/// per pod, one for the whole machine here) carry the address, and <c>parse-resolv-conf</c> asks the given
/// name server instead of the machine's. Nothing else changes, and the hash stays the operator's:
/// it names what the operator sent. Applying it twice gives the same text, so a bundle read back
/// from disk (already rewritten) can go through it again.
/// </summary>
/// <param name="Root">Prefix of every in-container path; empty in a pod.</param>
/// <param name="BindAddress">The address wildcard listeners bind; null to leave them.</param>
/// <param name="Resolver">host:port of the name server; null to keep <c>parse-resolv-conf</c>.</param>
internal sealed record HostRewrite(string Root, string? BindAddress, string? Resolver)
{
    private static readonly string[] PodDirectories = ["/etc/junction/", "/var/run/junction/", "/var/run/haproxy/"];
    private static readonly string[] Wildcards = ["", "*", "0.0.0.0", "::", "[::]"];
    private const string AbnsPrefix = "abns@";

    /// <summary>Whether this rewrite changes anything (in a pod it does not).</summary>
    public bool IsIdentity => Root.Length == 0 && BindAddress is null && Resolver is null;

    /// <summary>The bundle with its haproxy.cfg rewritten; the same bundle when nothing applies.</summary>
    public ConfigBundle Apply(ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (IsIdentity)
        {
            return bundle;
        }

        var files = bundle.Files.Select(f => f.Name == BundleDiff.ConfigName ? f with { Content = Config(f.Content) } : f).ToList();
        return bundle with { Files = files };
    }

    /// <summary>One haproxy.cfg rewritten.</summary>
    public string Config(string cfg)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        var lines = cfg.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = Line(lines[i]);
        }

        return string.Join('\n', lines);
    }

    private string Line(string line)
    {
        var trimmed = line.TrimStart();
        var indent = line[..(line.Length - trimmed.Length)];
        if (Resolver is not null && trimmed.TrimEnd() == "parse-resolv-conf")
        {
            return indent + "nameserver junction-local " + Resolver;
        }

        if (BindAddress is not null && trimmed.StartsWith("bind ", StringComparison.Ordinal))
        {
            trimmed = Bind(trimmed);
        }

        if (trimmed.StartsWith("lua-load ", StringComparison.Ordinal))
        {
            trimmed = LuaLoad(trimmed);
        }

        if (BindAddress is not null && trimmed.Contains(AbnsPrefix, StringComparison.Ordinal))
        {
            trimmed = Abns(trimmed);
        }

        return indent + Prefixed(trimmed);
    }

    // bind :8080 ..., bind *:8080, bind 0.0.0.0:8080, bind [::]:8080 → bind <address>:8080.
    private string Bind(string trimmed)
    {
        var rest = trimmed["bind ".Length..].TrimStart();
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var address = end < 0 ? rest : rest[..end];
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !Wildcards.Contains(address[..colon], StringComparer.Ordinal) || address[(colon + 1)..].Any(c => !char.IsAsciiDigit(c)))
        {
            return trimmed;
        }

        return "bind " + BindAddress + address[colon..] + (end < 0 ? "" : rest[end..]);
    }

    // Abstract sockets are per network namespace: each pod has its own, but proxies sharing one
    // machine would collide on the same name, so every abns@ name (its bind and the servers that
    // dial it) gets the instance's address appended, once.
    private string Abns(string trimmed)
    {
        var suffix = "-" + BindAddress;
        var sb = new StringBuilder(trimmed.Length + 32);
        var at = 0;
        while (trimmed.IndexOf(AbnsPrefix, at, StringComparison.Ordinal) is var start and >= 0)
        {
            var nameStart = start + AbnsPrefix.Length;
            var end = nameStart;
            while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]) && trimmed[end] is not (',' or '"' or '\'' or ')'))
            {
                end++;
            }

            sb.Append(trimmed, at, end - at);
            if (end > nameStart && !trimmed.AsSpan(nameStart, end - nameStart).EndsWith(suffix, StringComparison.Ordinal))
            {
                sb.Append(suffix);
            }

            at = end;
        }

        return sb.Append(trimmed, at, trimmed.Length - at).ToString();
    }

    // A relative lua-load is resolved against HAProxy's working directory; the bundle directory is meant.
    private string LuaLoad(string trimmed)
    {
        var argument = trimmed["lua-load ".Length..].Trim();
        var quoted = argument.Length > 1 && argument[0] == '"' && argument[^1] == '"';
        var file = quoted ? argument[1..^1] : argument;
        if (file.Length == 0 || file[0] == '/')
        {
            return trimmed;
        }

        var path = Root.TrimEnd('/') + "/etc/junction/proxy/" + file;
        return "lua-load " + (quoted ? "\"" + path + "\"" : path);
    }

    private string Prefixed(string text)
    {
        if (Root.Length == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 64);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '/' && (i == 0 || IsPathStart(text[i - 1])) && PodDirectories.Any(d => string.CompareOrdinal(text, i, d, 0, d.Length) == 0))
            {
                sb.Append(Root.TrimEnd('/'));
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static bool IsPathStart(char c) => c is ' ' or '\t' or '"' or '\'' or '(' or ',' or '=' or '@';
}

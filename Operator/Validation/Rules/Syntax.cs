using System.Buffers;
using System.Text.RegularExpressions;

namespace Junction.Validation.Rules;

/// <summary>Name and protocol syntax as Kubernetes and RFC 9110 define it.</summary>
internal static partial class Syntax
{
    public const string Dns1123LabelMessage = "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit";
    public const string Dns1035LabelMessage = "must be a DNS-1035 label: at most 63 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit";
    public const string Dns1123SubdomainMessage = "must be a DNS-1123 subdomain: at most 253 characters of dot-separated DNS labels (lower-case letters, digits, '-')";
    public const string TokenMessage = "must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~, no spaces or separators)";

    private static readonly SearchValues<char> PathForbidden = SearchValues.Create(" \t\r\n#?");

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostLabel();

    public static bool IsDns1123Label(string? value) => value is { Length: > 0 and <= 63 } && Dns1123Label().IsMatch(value);

    public static bool IsDns1035Label(string? value) => value is { Length: > 0 and <= 63 } && Dns1035Label().IsMatch(value);

    public static bool IsDns1123Subdomain(string? value) =>
        value is { Length: > 0 and <= 253 } && value.Split('.').All(IsDns1123Label);

    /// <summary>RFC 9110 token: 1*tchar.</summary>
    public static bool IsHttpToken(string? value) => value is { Length: > 0 } && value.All(IsTokenChar);

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>CR, LF or NUL would split or end a header line.</summary>
    public static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0;

    /// <summary>Why a host name is not acceptable, or null when it is. A leading "*." wildcard is allowed when asked.</summary>
    public static string? HostProblem(string? host, bool allowWildcard)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "must not be empty";
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return $"\"{host}\" must be a host name without a port or scheme";
        }

        var name = host;
        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            if (!allowWildcard)
            {
                return $"\"{host}\" must not be a wildcard";
            }

            name = host[2..];
        }

        if (name.Contains('*', StringComparison.Ordinal))
        {
            return $"\"{host}\": a wildcard is allowed only as the whole first label (*.example.com)";
        }

        if (host.Any(char.IsAsciiLetterUpper))
        {
            return $"\"{host}\" must be lower case, as Kubernetes requires of Ingress hosts";
        }

        if (host.Length > 253 || !name.Split('.').All(l => l.Length <= 63 && HostLabel().IsMatch(l)))
        {
            return $"\"{host}\" must be a DNS name: dot-separated labels of lower-case letters, digits and '-', at most 253 characters";
        }

        return System.Net.IPAddress.TryParse(host, out _) ? $"\"{host}\" must be a DNS name, not an IP address" : null;
    }

    /// <summary>Why a request path is not acceptable, or null when it is.</summary>
    public static string? PathProblem(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return $"\"{path}\" must start with /";
        }

        var bad = path.AsSpan().IndexOfAny(PathForbidden);
        return bad >= 0 ? $"\"{path}\" must not contain whitespace, '#' or '?'" : null;
    }
}

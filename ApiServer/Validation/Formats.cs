using System.Globalization;
using System.Text.RegularExpressions;

namespace Junction.ApiServer.Validation;

/// <summary>
/// The value formats of k8s.io/apimachinery/pkg/util/validation (DNS-1123 and DNS-1035 labels and
/// subdomains, qualified names, label values, IANA service names, ports, config keys), each returning
/// kube-apiserver's messages, several when several rules are broken, in its order.
/// </summary>
internal static partial class Formats
{
    public const string NegativeText = "must be greater than or equal to 0";
    public const string ImmutableText = "field is immutable";
    public const string PortRangeText = "must be between 1 and 65535, inclusive";

    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameText = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253)
        {
            errs.Add(MaxLength(253));
        }

        if (!Subdomain().IsMatch(value))
        {
            errs.Add(RegexText("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", SubdomainFmt, "example.com"));
        }

        return errs;
    }

    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63)
        {
            errs.Add(MaxLength(63));
        }

        if (!Label().IsMatch(value))
        {
            errs.Add(RegexText("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", "[a-z0-9]([-a-z0-9]*[a-z0-9])?", "my-name", "123-abc"));
        }

        return errs;
    }

    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63)
        {
            errs.Add(MaxLength(63));
        }

        if (!Dns1035().IsMatch(value))
        {
            errs.Add(RegexText("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", "[a-z]([-a-z0-9]*[a-z0-9])?", "my-name", "abc-123"));
        }

        return errs;
    }

    public static IReadOnlyList<string> WildcardDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253)
        {
            errs.Add(MaxLength(253));
        }

        if (!WildcardSubdomain().IsMatch(value))
        {
            errs.Add(RegexText("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character", "\\*\\." + SubdomainFmt, "*.example.com"));
        }

        return errs;
    }

    /// <summary>IsQualifiedName: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errs.Add("prefix part must be non-empty");
                }
                else
                {
                    errs.AddRange(Dns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                }

                break;
            default:
                return ["a qualified name " + RegexText(QualifiedNameText, QualifiedNameFmt, "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        if (name.Length == 0)
        {
            errs.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errs.Add("name part " + MaxLength(63));
        }

        if (!QualifiedNamePart().IsMatch(name))
        {
            errs.Add("name part " + RegexText(QualifiedNameText, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }

        return errs;
    }

    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63)
        {
            errs.Add(MaxLength(63));
        }

        if (!LabelValuePattern().IsMatch(value))
        {
            errs.Add(RegexText("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", "(" + QualifiedNameFmt + ")?", "MyValue", "my_value", "12345"));
        }

        return errs;
    }

    /// <summary>IsValidPortName: an IANA_SVC_NAME.</summary>
    public static IReadOnlyList<string> PortName(string port)
    {
        var errs = new List<string>();
        if (port.Length > 15)
        {
            errs.Add(MaxLength(15));
        }

        if (!PortNameCharset().IsMatch(port))
        {
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!port.Any(c => c is >= 'a' and <= 'z'))
        {
            errs.Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            errs.Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errs.Add("must not begin or end with a hyphen");
        }

        return errs;
    }

    public static IReadOnlyList<string> PortNumber(long port) => port is >= 1 and <= 65535 ? [] : [PortRangeText];

    /// <summary>IsConfigMapKey, used for ConfigMap and Secret keys.</summary>
    public static IReadOnlyList<string> ConfigKey(string value)
    {
        var errs = new List<string>();
        if (value.Length > 253)
        {
            errs.Add(MaxLength(253));
        }

        if (!ConfigKeyPattern().IsMatch(value))
        {
            errs.Add(RegexText("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"));
        }

        if (value == ".")
        {
            errs.Add("must not be '.'");
        }
        else if (value == "..")
        {
            errs.Add("must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errs.Add("must not start with '..'");
        }

        return errs;
    }

    /// <summary>IsValidPathSegmentName: names that become one segment of a URL path (RBAC objects).</summary>
    public static IReadOnlyList<string> PathSegmentName(string name)
    {
        if (name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        var errs = new List<string>();
        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal))
            {
                errs.Add($"may not contain '{illegal}'");
            }
        }

        return errs;
    }

    public static bool IsIp(string value) => System.Net.IPAddress.TryParse(value, out _) && (value.Contains(':', StringComparison.Ordinal) || value.Count(c => c == '.') == 3);

    private static string MaxLength(int length) => $"must be no more than {length.ToString(CultureInfo.InvariantCulture)} characters";

    // apimachinery's RegexError: the examples each followed by ", " and joined by " or ", hence the double space.
    private static string RegexText(string message, string format, params string[] examples) =>
        examples.Length == 0
            ? $"{message} (regex used for validation is '{format}')"
            : $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex("^\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex WildcardSubdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValuePattern();

    [GeneratedRegex("^[-a-z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameCharset();

    [GeneratedRegex("^[-._a-zA-Z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigKeyPattern();
}

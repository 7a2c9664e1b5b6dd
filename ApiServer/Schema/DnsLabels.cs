using System.Text.RegularExpressions;

namespace Junction.ApiServer.Schema;

/// <summary>RFC 1123 and RFC 1035 labels with kube-apiserver's messages, for object names and for fields.</summary>
internal static partial class DnsLabels
{
    /// <summary>kube-apiserver's message for a value that is not an RFC 1123 label.</summary>
    public const string LabelText = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>kube-apiserver's message for a value that is not an RFC 1035 label.</summary>
    public const string Dns1035Text = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>True for an RFC 1123 label of at most 63 characters.</summary>
    public static bool IsLabel(string value) => value.Length <= 63 && Label().IsMatch(value);

    /// <summary>True for an RFC 1035 label of at most 63 characters.</summary>
    public static bool IsDns1035Label(string value) => value.Length <= 63 && Dns1035().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035();
}

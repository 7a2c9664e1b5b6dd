using System.Text.RegularExpressions;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>Object-name rules with kube-apiserver's messages: RFC 1123 subdomains, RFC 1123 labels, RFC 1035 labels.</summary>
internal static partial class NameValidator
{
    private const string SubdomainText = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelText = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035Text = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    public static IEnumerable<FieldError> Validate(ResourceType type, string name)
    {
        var quoted = $"\"{name}\"";
        if (type.Key == "services")
        {
            return Check(name.Length <= 63 && Dns1035().IsMatch(name), quoted, name.Length > 63 ? "must be no more than 63 characters" : Dns1035Text);
        }

        if (type.Key == "namespaces")
        {
            return Check(name.Length <= 63 && Label().IsMatch(name), quoted, name.Length > 63 ? "must be no more than 63 characters" : LabelText);
        }

        return Check(name.Length <= 253 && Subdomain().IsMatch(name), quoted, name.Length > 253 ? "must be no more than 253 characters" : SubdomainText);
    }

    public static bool IsLabel(string value) => value.Length <= 63 && Label().IsMatch(value);

    private static IEnumerable<FieldError> Check(bool ok, string quoted, string text) =>
        ok ? [] : [FieldError.Invalid("metadata.name", quoted, text)];

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();
}

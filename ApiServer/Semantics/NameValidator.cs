using System.Text.RegularExpressions;
using Junction.ApiServer.Schema;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>Object-name rules with kube-apiserver's messages: RFC 1123 subdomains, RFC 1123 labels, RFC 1035 labels.</summary>
internal static partial class NameValidator
{
    private const string SubdomainText = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public static IEnumerable<FieldError> Validate(ResourceType type, string name)
    {
        var quoted = $"\"{name}\"";
        if (type.Key == "services")
        {
            return Check(DnsLabels.IsDns1035Label(name), quoted, name.Length > 63 ? "must be no more than 63 characters" : DnsLabels.Dns1035Text);
        }

        if (type.Key == "namespaces")
        {
            return Check(DnsLabels.IsLabel(name), quoted, name.Length > 63 ? "must be no more than 63 characters" : DnsLabels.LabelText);
        }

        return Check(name.Length <= 253 && Subdomain().IsMatch(name), quoted, name.Length > 253 ? "must be no more than 253 characters" : SubdomainText);
    }

    private static IEnumerable<FieldError> Check(bool ok, string quoted, string text) =>
        ok ? [] : [FieldError.Invalid("metadata.name", quoted, text)];

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}

using System.Text.RegularExpressions;
using k8s.Models;

namespace Junction.Validation.Rules;

/// <summary>Object metadata: names that Kubernetes accepts for the policy and for the children named after it.</summary>
internal sealed partial class ObjectMetaValidator : JsonValidator<V1ObjectMeta>
{
    // The proxy Service is named <policy>-proxy and Services need DNS-1035 labels of at most 63 characters.
    private const string ProxySuffix = "-proxy";
    private const int MaxNameLength = 63 - 6;

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();

    public ObjectMetaValidator()
    {
        Check((meta, report) =>
        {
            if (string.IsNullOrEmpty(meta.Name))
            {
                report.Error("name", "is required");
            }
            else if (!Syntax.IsDns1035Label(meta.Name) || meta.Name.Length > MaxNameLength)
            {
                report.Error("name", $"\"{meta.Name}\" must be a DNS-1035 label of at most {MaxNameLength} characters (lower-case letters, digits and '-', starting with a letter), because the proxy Service is named <name>{ProxySuffix}");
            }

            if (meta.NamespaceProperty is { } ns && !Syntax.IsDns1123Label(ns))
            {
                report.Error("namespace", $"\"{ns}\" {Syntax.Dns1123LabelMessage}");
            }

            foreach (var (key, value) in meta.Labels ?? new Dictionary<string, string>())
            {
                CheckLabel(key, value, report);
            }
        });
    }

    private static void CheckLabel(string key, string? value, Reporter<V1ObjectMeta> report)
    {
        var slash = key.LastIndexOf('/');
        var prefix = slash >= 0 ? key[..slash] : null;
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if ((prefix is not null && !Syntax.IsDns1123Subdomain(prefix)) || name.Length is 0 or > 63 || !LabelValue().IsMatch(name))
        {
            report.Error("labels", $"key \"{key}\" must be an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }

        if (value is not null && (value.Length > 63 || !LabelValue().IsMatch(value)))
        {
            report.Error("labels", $"value \"{value}\" of \"{key}\" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
    }
}

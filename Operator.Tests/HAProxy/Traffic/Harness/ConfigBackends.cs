using System.Text.RegularExpressions;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>Which DNS name each backend of a generated config resolves its servers from.</summary>
internal static partial class ConfigBackends
{
    [GeneratedRegex(@"^backend\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex BackendLine();

    [GeneratedRegex(@"^\s+server-template\s+\S+\s+\d+\s+([^\s:]+)", RegexOptions.Multiline)]
    private static partial Regex TemplateLine();

    /// <summary>Backend name -> DNS name of its server-template, for every templated backend.</summary>
    public static IReadOnlyDictionary<string, string> DiscoveryNames(string config)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var backends = BackendLine().Matches(config);
        for (var i = 0; i < backends.Count; i++)
        {
            var start = backends[i].Index;
            var end = i + 1 < backends.Count ? backends[i + 1].Index : config.Length;
            var template = TemplateLine().Match(config[start..end]);
            if (template.Success)
            {
                result[backends[i].Groups[1].Value] = template.Groups[1].Value;
            }
        }

        return result;
    }
}

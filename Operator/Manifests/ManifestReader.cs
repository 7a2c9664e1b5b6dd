using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Junction.Api.V1Alpha1;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Junction.Manifests;

/// <summary>
/// Reads TrafficPolicies (strictly) and Services (leniently) from YAML or JSON, one or more
/// documents per source. Every failure becomes a <see cref="ManifestDocument"/> with an
/// error; nothing throws for bad input.
/// </summary>
/// <remarks>
/// Plain scalars resolve as kubectl resolves them (YAML 1.1): <c>true</c>, <c>yes</c>, <c>on</c>
/// are booleans and <c>8080</c> is a number, so where the API wants a string (a header value
/// <c>true</c>, say) the value must be quoted. The API server would reject the unquoted form
/// too; the error says to quote it.
/// </remarks>
public static partial class ManifestReader
{
    /// <summary>The source name used for standard input.</summary>
    public const string StdinSource = "<stdin>";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex YamlMarkPrefix();

    /// <summary>Reads "-" from <paramref name="stdin"/>, else a file or a directory (see <see cref="ReadPath"/>).</summary>
    public static IReadOnlyList<ManifestDocument> Read(string pathOrDash, TextReader stdin)
    {
        ArgumentNullException.ThrowIfNull(pathOrDash);
        ArgumentNullException.ThrowIfNull(stdin);
        return pathOrDash == "-" ? ReadText(stdin, StdinSource) : ReadPath(pathOrDash);
    }

    /// <summary>Reads a file, or every *.yaml, *.yml and *.json file directly in a directory (not its subdirectories), in path order.</summary>
    public static IReadOnlyList<ManifestDocument> ReadPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            return files.Count == 0
                ? [new ManifestDocument(path, 0, null, "directory contains no .yaml, .yml or .json files")]
                : files.SelectMany(ReadFile).ToList();
        }

        return File.Exists(path) ? ReadFile(path) : [new ManifestDocument(path, 0, null, "no such file or directory")];
    }

    /// <summary>Reads every document of a YAML or JSON stream.</summary>
    public static IReadOnlyList<ManifestDocument> ReadText(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var stream = new YamlStream();
        var results = new List<ManifestDocument>();
        string? syntaxError = null;
        try
        {
            var text = ReadBounded(reader);
            if (text is null)
            {
                return [new ManifestDocument(source, 0, null, $"is larger than the limit of {YamlLimits.MaxChars} characters")];
            }

            if (WithinLimits(text) is { } problem)
            {
                return [new ManifestDocument(source, 0, null, problem)];
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            syntaxError = $"{YamlToJson.Position(e.Start)}: malformed YAML: {YamlMarkPrefix().Replace(e.Message, "")}";
        }
        catch (InvalidOperationException e)
        {
            // The scanner throws this on some garbled input instead of a YamlException.
            syntaxError = $"malformed YAML: the parser gave up ({e.Message})";
        }

        for (var i = 0; i < stream.Documents.Count; i++)
        {
            if (!IsEmpty(stream.Documents[i].RootNode))
            {
                results.Add(ReadDocument(stream.Documents[i].RootNode, source, i + 1));
            }
        }

        if (syntaxError is not null)
        {
            results.Add(new ManifestDocument(source, stream.Documents.Count + 1, null, syntaxError));
        }
        else if (results.Count == 0)
        {
            results.Add(new ManifestDocument(source, 0, null, "contains no documents"));
        }

        return results;
    }

    /// <summary>The whole text, or null when it is longer than <see cref="YamlLimits.MaxChars"/>.</summary>
    private static string? ReadBounded(TextReader reader)
    {
        var text = new System.Text.StringBuilder();
        var chunk = new char[64 * 1024];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (text.Length + read > YamlLimits.MaxChars)
            {
                return null;
            }

            text.Append(chunk, 0, read);
        }

        return text.ToString();
    }

    /// <summary>The nesting or aliasing problem, checked before the loader (which recurses per level) sees the text.</summary>
    private static string? WithinLimits(string text)
    {
        try
        {
            return YamlLimits.Problem(text);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Malformed YAML: the loader reports it with the documents before the fault.
            return null;
        }
    }

    private static IReadOnlyList<ManifestDocument> ReadFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return ReadText(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [new ManifestDocument(path, 0, null, $"cannot read: {e.Message}")];
        }
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode scalar && YamlScalars.IsPlain(scalar) && YamlScalars.Resolve(scalar) is null;

    private static ManifestDocument ReadDocument(YamlNode root, string source, int index)
    {
        if (root is not YamlMappingNode map)
        {
            return new ManifestDocument(source, index, null, $"{YamlToJson.Position(root.Start)}: a manifest must be a mapping with apiVersion and kind");
        }

        var apiVersion = Text(map, "apiVersion");
        var kind = Text(map, "kind");
        return (apiVersion, kind) switch
        {
            (TrafficPolicy.ApiVersionString, TrafficPolicy.KindName) => Policy(map, source, index),
            ("v1", "Service") => Service(map, source, index),
            ("apps/v1", "Deployment") => Workload<V1Deployment>(map, source, index),
            ("apps/v1", "StatefulSet") => Workload<V1StatefulSet>(map, source, index),
            ("v1", "Pod") => Workload<V1Pod>(map, source, index),
            (null or "", _) => new ManifestDocument(source, index, null, "apiVersion: is required"),
            (_, null or "") => new ManifestDocument(source, index, null, "kind: is required"),
            // Namespaces, Deployments, ... beside the policies: not ours to check, so skipped; a
            // document claiming our group, or our kind under another group, is still an error.
            _ when !apiVersion.StartsWith(TrafficPolicy.Group + "/", StringComparison.Ordinal) && kind != TrafficPolicy.KindName => new ManifestDocument(source, index, null, null),
            _ => new ManifestDocument(source, index, null, Unsupported(apiVersion, kind)),
        };
    }

    /// <summary>Blames kind when the group/version is ours (a typo in the kind), else apiVersion; names both.</summary>
    private static string Unsupported(string apiVersion, string kind) =>
        $"{(apiVersion == TrafficPolicy.ApiVersionString ? "kind" : "apiVersion")}: unsupported apiVersion \"{apiVersion}\" with kind \"{kind}\": expected apiVersion {TrafficPolicy.ApiVersionString} with kind {TrafficPolicy.KindName}, or apiVersion v1 with kind Service";

    private static string? Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static ManifestDocument Policy(YamlMappingNode map, string source, int index)
    {
        var converter = new YamlToJson();
        var json = converter.Typed(map, typeof(TrafficPolicy), "");
        return converter.Errors.Count > 0
            ? new ManifestDocument(source, index, null, string.Join('\n', converter.Errors))
            : Deserialize<TrafficPolicy>(json, source, index);
    }

    private static ManifestDocument Service(YamlMappingNode map, string source, int index)
    {
        var converter = new YamlToJson();
        var json = converter.Untyped(map, "");
        return converter.Errors.Count > 0
            ? new ManifestDocument(source, index, null, string.Join('\n', converter.Errors))
            : Deserialize<V1Service>(json, source, index);
    }

    // Workloads only tell which service account serves a Service; Junction does not check them,
    // so one it cannot read is skipped like any other kind, not an error.
    private static ManifestDocument Workload<T>(YamlMappingNode map, string source, int index)
        where T : class
    {
        var converter = new YamlToJson();
        var json = converter.Untyped(map, "");
        var document = converter.Errors.Count > 0 ? null : Deserialize<T>(json, source, index);
        return document is { Error: null } ? document : new ManifestDocument(source, index, null, null);
    }

    private static ManifestDocument Deserialize<T>(JsonNode? json, string source, int index)
        where T : class
    {
        try
        {
            var value = KubernetesJson.Deserialize<T>(json?.ToJsonString() ?? "null");
            return new ManifestDocument(source, index, value, null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            var path = e is JsonException { Path: { } p } ? p.TrimStart('$', '.') : null;
            return new ManifestDocument(source, index, null, string.IsNullOrEmpty(path) ? e.Message : $"{path}: {e.Message}");
        }
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>
/// kube-apiserver's ValidateObjectMeta for every kind: generateName and name by the kind's name rule,
/// label keys and values, annotation keys and their total size.
/// </summary>
internal static class ObjectMetaValidator
{
    private const int AnnotationsLimit = 256 * 1024;

    private static readonly HashSet<string> PathSegmentNamed = new(StringComparer.Ordinal)
    {
        "roles.rbac.authorization.k8s.io",
        "clusterroles.rbac.authorization.k8s.io",
        "rolebindings.rbac.authorization.k8s.io",
        "clusterrolebindings.rbac.authorization.k8s.io",
    };

    /// <summary>The metadata errors of an object being created (<paramref name="create"/>) or updated.</summary>
    public static IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, bool create)
    {
        var meta = obj["metadata"] as JsonObject;
        if (create)
        {
            var generateName = Json.Str(meta?["generateName"]);
            if (!string.IsNullOrEmpty(generateName))
            {
                foreach (var msg in NameRule(type.Key, generateName, prefix: true))
                {
                    yield return Problems.Invalid("metadata.generateName", generateName, msg);
                }
            }

            var name = Json.Str(meta?["name"]) ?? string.Empty;
            foreach (var msg in NameRule(type.Key, name, prefix: false))
            {
                yield return Problems.Invalid("metadata.name", name, msg);
            }
        }

        foreach (var e in Labels(Json.StringMap(meta?["labels"]), "metadata.labels"))
        {
            yield return e;
        }

        foreach (var e in Annotations(Json.StringMap(meta?["annotations"]), "metadata.annotations"))
        {
            yield return e;
        }
    }

    /// <summary>The name rule of a kind: Services are DNS-1035 labels, Namespaces DNS-1123 labels, RBAC objects path segments, the rest DNS-1123 subdomains.</summary>
    public static IReadOnlyList<string> NameRule(string key, string name, bool prefix)
    {
        // A generateName prefix may end in '-', the random suffix completes it.
        var checkedName = prefix && name.EndsWith('-') ? name[..^1] + "a" : name;
        return key switch
        {
            "services" => Formats.Dns1035Label(checkedName),
            "namespaces" => Formats.Dns1123Label(checkedName),
            _ when PathSegmentNamed.Contains(key) => Formats.PathSegmentName(checkedName),
            _ => Formats.Dns1123Subdomain(checkedName),
        };
    }

    /// <summary>metav1 ValidateLabels: every error names the map's path, the key or the value as the bad value.</summary>
    public static IEnumerable<FieldError> Labels(IReadOnlyDictionary<string, string>? labels, string path)
    {
        if (labels is null)
        {
            yield break;
        }

        foreach (var (key, value) in labels)
        {
            foreach (var msg in Formats.QualifiedName(key))
            {
                yield return Problems.Invalid(path, key, msg);
            }

            foreach (var msg in Formats.LabelValue(value))
            {
                yield return Problems.Invalid(path, value, msg);
            }
        }
    }

    /// <summary>ValidateAnnotations: qualified keys regardless of case, at most 256 KiB of keys and values together.</summary>
    public static IEnumerable<FieldError> Annotations(IReadOnlyDictionary<string, string>? annotations, string path)
    {
        if (annotations is null)
        {
            yield break;
        }

        foreach (var key in annotations.Keys)
        {
            foreach (var msg in Formats.QualifiedName(key.ToLowerInvariant()))
            {
                yield return Problems.Invalid(path, key, msg);
            }
        }

        var size = annotations.Sum(kv => (long)Encoding.UTF8.GetByteCount(kv.Key) + Encoding.UTF8.GetByteCount(kv.Value));
        if (size > AnnotationsLimit)
        {
            yield return Problems.TooLong(path, AnnotationsLimit);
        }
    }
}

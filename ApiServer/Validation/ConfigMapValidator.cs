using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>core ValidateConfigMap: config keys, no key in both data and binaryData, 1 MiB in all; immutability once set.</summary>
internal static class ConfigMapValidator
{
    /// <summary>The largest total of values a ConfigMap or Secret may hold (core.MaxSecretSize).</summary>
    public const int MaxSize = 1024 * 1024;

    public static IEnumerable<FieldError> Validate(JsonObject configMap, JsonObject? old, int maxSize = MaxSize)
    {
        var errors = new List<FieldError>();
        var data = configMap["data"] as JsonObject ?? [];
        var binary = configMap["binaryData"] as JsonObject ?? [];
        long size = 0;
        foreach (var (bag, other, otherName) in new[] { ("data", binary, "binaryData"), ("binaryData", data, "data") })
        {
            var values = bag == "data" ? data : binary;
            foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                errors.AddRange(Formats.ConfigKey(key).Select(msg => Problems.Invalid($"{bag}[{key}]", key, msg)));
                if (other.ContainsKey(key))
                {
                    errors.Add(Problems.Invalid($"{bag}[{key}]", key, $"duplicate of key present in {otherName}"));
                }

                var text = Json.Str(value) ?? string.Empty;
                size += bag == "data" ? System.Text.Encoding.UTF8.GetByteCount(text) : text.Length * 3 / 4;
            }
        }

        // The whole object is at fault, so kube-apiserver names the root: "[]: Too long: ...".
        if (size > maxSize)
        {
            errors.Add(Problems.TooLong("[]", maxSize));
        }

        errors.AddRange(Immutability(configMap, old));
        return errors;
    }

    /// <summary>ConfigMaps and Secrets marked immutable keep their data and the mark.</summary>
    public static IEnumerable<FieldError> Immutability(JsonObject obj, JsonObject? old)
    {
        if (old is null || Json.Bool(old["immutable"]) != true)
        {
            yield break;
        }

        if (Json.Bool(obj["immutable"]) != true)
        {
            yield return Problems.Forbidden("immutable", "field is immutable when `immutable` is set");
        }

        foreach (var bag in new[] { "data", "binaryData" })
        {
            if (!JsonNode.DeepEquals(Empty(obj[bag]), Empty(old[bag])))
            {
                yield return Problems.Forbidden(bag, "field is immutable when `immutable` is set");
            }
        }
    }

    private static JsonNode? Empty(JsonNode? node) => node is JsonObject { Count: 0 } ? null : node;
}

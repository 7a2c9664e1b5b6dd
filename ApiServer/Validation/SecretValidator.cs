using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>core ValidateSecret: config keys, 1 MiB of data, the keys each secret type requires; the type and immutable data on update.</summary>
internal static class SecretValidator
{
    public static IEnumerable<FieldError> Validate(JsonObject secret, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var data = secret["data"] as JsonObject ?? [];
        long size = 0;
        foreach (var (key, value) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errors.AddRange(Formats.ConfigKey(key).Select(msg => Problems.Invalid($"data[{key}]", key, msg)));
            size += (Json.Str(value) ?? string.Empty).Length * 3 / 4;
        }

        if (size > ConfigMapValidator.MaxSize)
        {
            errors.Add(Problems.TooLong("data", ConfigMapValidator.MaxSize));
        }

        var type = Json.Str(secret["type"]) ?? "Opaque";
        switch (type)
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(Json.Str(secret["metadata"]?["annotations"]?["kubernetes.io/service-account.name"])))
                {
                    errors.Add(Problems.Required("metadata.annotations[kubernetes.io/service-account.name]"));
                }

                break;
            case "kubernetes.io/dockercfg":
                errors.AddRange(RequiredKeys(data, ".dockercfg"));
                break;
            case "kubernetes.io/dockerconfigjson":
                errors.AddRange(RequiredKeys(data, ".dockerconfigjson"));
                break;
            case "kubernetes.io/basic-auth":
                if (!data.ContainsKey("username") && !data.ContainsKey("password"))
                {
                    errors.Add(Problems.Required("data[username]"));
                    errors.Add(Problems.Required("data[password]"));
                }

                break;
            case "kubernetes.io/ssh-auth":
                if (string.IsNullOrEmpty(Json.Str(data["ssh-privatekey"])))
                {
                    errors.Add(Problems.Required("data[ssh-privatekey]"));
                }

                break;
            case "kubernetes.io/tls":
                errors.AddRange(RequiredKeys(data, "tls.crt", "tls.key"));
                break;
            default:
                break;
        }

        if (old is not null)
        {
            errors.AddRange(Problems.Immutable("type", type, Json.Str(old["type"]) ?? "Opaque"));
            errors.AddRange(ConfigMapValidator.Immutability(secret, old));
        }

        return errors;
    }

    private static IEnumerable<FieldError> RequiredKeys(JsonObject data, params string[] keys) =>
        keys.Where(k => !data.ContainsKey(k)).Select(k => Problems.Required($"data[{k}]"));
}

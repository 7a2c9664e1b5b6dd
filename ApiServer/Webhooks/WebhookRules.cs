using System.Text.Json.Nodes;

namespace Junction.ApiServer.Webhooks;

/// <summary>
/// kube-apiserver's rule matcher: operations, apiGroups, apiVersions, resources (with "*", "*/*",
/// "pods/*" and "*/status" forms) and scope. With matchPolicy Equivalent (the default) the version is not
/// compared, since this server serves each resource at one version.
/// </summary>
internal static class WebhookRules
{
    public static bool Match(WebhookSpec webhook, AdmissionAttributes request) =>
        webhook.Rules.Any(rule => Match(rule, request, webhook.MatchExact));

    private static bool Match(JsonObject rule, AdmissionAttributes request, bool exact) =>
        Any(rule, "operations", request.Operation)
        && Any(rule, "apiGroups", request.Type.Group)
        && (!exact || Any(rule, "apiVersions", request.Type.Version))
        && Resource(rule, request)
        && Scope(rule, request);

    private static bool Any(JsonObject rule, string field, string value) =>
        Values(rule, field).Any(v => v == "*" || v == value);

    private static bool Resource(JsonObject rule, AdmissionAttributes request) =>
        Values(rule, "resources").Any(r =>
        {
            var slash = r.IndexOf('/', StringComparison.Ordinal);
            var (resource, sub) = slash < 0 ? (r, string.Empty) : (r[..slash], r[(slash + 1)..]);
            return (resource == "*" || resource == request.Type.Plural) && (sub == "*" || sub == request.SubResource);
        });

    private static bool Scope(JsonObject rule, AdmissionAttributes request)
    {
        var isNamespace = request.Type.Key == "namespaces";
        return (rule["scope"] as JsonValue)?.GetValue<string>() switch
        {
            "Namespaced" => !isNamespace && request.Type.Namespaced,
            "Cluster" => isNamespace || !request.Type.Namespaced,
            _ => true,
        };
    }

    private static IEnumerable<string> Values(JsonObject rule, string field) =>
        (rule[field] as JsonArray)?.Select(v => v is JsonValue s && s.TryGetValue<string>(out var t) ? t : string.Empty) ?? [];
}

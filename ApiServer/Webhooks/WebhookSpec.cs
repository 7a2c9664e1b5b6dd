using System.Globalization;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Webhooks;

/// <summary>One webhook of a Mutating- or ValidatingWebhookConfiguration, with kube's defaults applied.</summary>
internal sealed record WebhookSpec(
    string Configuration,
    string Name,
    JsonObject ClientConfig,
    IReadOnlyList<JsonObject> Rules,
    bool FailOpen,
    bool MatchExact,
    JsonObject? NamespaceSelector,
    JsonObject? ObjectSelector,
    string SideEffects,
    TimeSpan Timeout,
    bool ReinvokeIfNeeded)
{
    public static IEnumerable<WebhookSpec> From(JsonObject configuration)
    {
        var name = configuration["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
        foreach (var w in (configuration["webhooks"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var timeout = w["timeoutSeconds"] is JsonValue t && t.TryGetValue<int>(out var seconds) ? seconds : 10;
            yield return new WebhookSpec(
                name,
                Text(w, "name"),
                w["clientConfig"] as JsonObject ?? new JsonObject(),
                (w["rules"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [],
                Text(w, "failurePolicy") == "Ignore",
                Text(w, "matchPolicy") == "Exact",
                w["namespaceSelector"] as JsonObject,
                w["objectSelector"] as JsonObject,
                Text(w, "sideEffects") is { Length: > 0 } effects ? effects : "Unknown",
                TimeSpan.FromSeconds(Math.Clamp(timeout, 1, 30)),
                Text(w, "reinvocationPolicy") == "IfNeeded");
        }
    }

    /// <summary>Whether this webhook may be called for a dry run (it declared no side effects, or none on dry run).</summary>
    public bool SupportsDryRun => SideEffects is "None" or "NoneOnDryRun";

    /// <summary>The timeout query parameter kube-apiserver adds to the webhook's URL.</summary>
    public string TimeoutParameter => string.Create(CultureInfo.InvariantCulture, $"timeout={(int)Timeout.TotalSeconds}s");

    private static string Text(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}

using System.Globalization;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>
/// What the namespace controller writes on a terminating namespace: the conditions `kubectl describe ns`
/// shows while content remains, and, once it is empty, the namespace without its "kubernetes" finalizer.
/// </summary>
internal static class NamespaceTermination
{
    private const string SpecFinalizer = "kubernetes";

    /// <summary>
    /// The namespace with NamespaceContentRemaining and NamespaceFinalizersRemaining set from what is still inside,
    /// worded as the namespace controller words them ("configmaps. has 1 resource instances").
    /// </summary>
    public static JsonObject WithConditions(JsonObject ns, IReadOnlyList<(string Key, JsonObject Object)> remaining, string now)
    {
        var copy = ns.DeepClone().AsObject();
        var byResource = remaining.GroupBy(e => Resource(e.Key)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} has {g.Count().ToString(CultureInfo.InvariantCulture)} resource instances").ToList();
        var byFinalizer = remaining.SelectMany(e => Meta.Finalizers(e.Object)).GroupBy(f => f).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} in {g.Count().ToString(CultureInfo.InvariantCulture)} resource instances").ToList();
        var old = ns["status"]?["conditions"] as JsonArray;
        var conditions = new JsonArray
        {
            Condition(old, "NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered", now),
            Condition(old, "NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed", now),
            Condition(old, "NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization", now),
            byResource.Count > 0
                ? Condition(old, "NamespaceContentRemaining", "True", "SomeResourcesRemain", "Some resources are remaining: " + string.Join(", ", byResource), now)
                : Condition(old, "NamespaceContentRemaining", "False", "ContentRemoved", "All content successfully removed", now),
            byFinalizer.Count > 0
                ? Condition(old, "NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: " + string.Join(", ", byFinalizer), now)
                : Condition(old, "NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished", now),
        };
        copy["status"] = new JsonObject { ["phase"] = "Terminating", ["conditions"] = conditions };
        return copy;
    }

    /// <summary>The emptied namespace without the "kubernetes" spec finalizer; it may go once no finalizer is left.</summary>
    public static JsonObject Finalized(JsonObject ns)
    {
        var copy = ns.DeepClone().AsObject();
        if (copy["spec"]?["finalizers"] is JsonArray finalizers)
        {
            var kept = finalizers.Select(f => f?.GetValue<string>()).Where(f => f is not null && f != SpecFinalizer).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray();
            copy["spec"]!["finalizers"] = new JsonArray(kept);
        }

        return copy;
    }

    /// <summary>Whether a terminating namespace with no content may be removed: no spec or metadata finalizer is left.</summary>
    public static bool CanRemove(JsonObject ns) =>
        (ns["spec"]?["finalizers"] as JsonArray ?? []).Count == 0 && Meta.Finalizers(ns).Count == 0;

    private static string Resource(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? key + "." : key;
    }

    private static JsonObject Condition(JsonArray? old, string type, string status, string reason, string message, string now)
    {
        var previous = old?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        var since = previous is not null && previous["status"]?.GetValue<string>() == status
            ? previous["lastTransitionTime"]?.GetValue<string>() ?? now
            : now;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastTransitionTime"] = since,
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}

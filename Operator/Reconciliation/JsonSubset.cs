using System.Text.Json.Nodes;

namespace Junction.Reconciliation;

/// <summary>
/// Decides whether every value Junction sets is present, unchanged, in what the API server holds.
/// Fields Junction leaves out are ignored, because the API server fills in defaults there
/// (a Service's clusterIP, a container's terminationMessagePath) and they must not count as drift.
/// </summary>
internal static class JsonSubset
{
    /// <summary>True when <paramref name="observed"/> holds every value of <paramref name="desired"/>.</summary>
    public static bool Contains(JsonNode? observed, JsonNode? desired) => desired switch
    {
        null => observed is null,
        JsonObject d => ContainsObject(observed as JsonObject, d),
        JsonArray d => ContainsArray(observed as JsonArray, d),
        _ => JsonNode.DeepEquals(observed, desired),
    };

    private static bool ContainsObject(JsonObject? observed, JsonObject desired)
    {
        if (observed is null)
        {
            // An empty object Junction writes may come back omitted; both mean "nothing set".
            return desired.Count == 0;
        }

        foreach (var (key, value) in desired)
        {
            observed.TryGetPropertyValue(key, out var actual);
            if (!Contains(actual, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsArray(JsonArray? observed, JsonArray desired)
    {
        if (observed is null)
        {
            return desired.Count == 0;
        }

        // Lists are owned whole: an extra or missing element is drift.
        if (observed.Count != desired.Count)
        {
            return false;
        }

        for (var i = 0; i < desired.Count; i++)
        {
            if (!Contains(observed[i], desired[i]))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// The pod-template-hash of a Deployment's template: FNV-32a of the template (plus the collision count),
/// its decimal digits spelled in kube's safe alphabet, as the deployment controller names ReplicaSets.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(JsonObject? template, long collisionCount)
    {
        var copy = template?.DeepClone().AsObject() ?? new JsonObject();
        (copy["metadata"]?["labels"] as JsonObject)?.Remove(Label);
        var text = Canonical(copy)?.ToJsonString() + (collisionCount > 0 ? collisionCount.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return new string(hash.ToString(CultureInfo.InvariantCulture).Select(c => Alphabet[c % Alphabet.Length]).ToArray());
    }

    // Key order and nulls (kubectl sends creationTimestamp: null in templates) must not change the hash,
    // as they do not change Go's encoding of the same struct.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Canonical(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>Whether two pod templates are the same once the hash label is ignored (how kube finds the new ReplicaSet).</summary>
    public static bool SameTemplate(JsonObject? a, JsonObject? b) => Of(a, 0) == Of(b, 0);
}

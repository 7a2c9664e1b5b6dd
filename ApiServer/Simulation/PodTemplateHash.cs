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
        var text = copy.ToJsonString() + (collisionCount > 0 ? collisionCount.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return new string(hash.ToString(CultureInfo.InvariantCulture).Select(c => Alphabet[c % Alphabet.Length]).ToArray());
    }

    /// <summary>Whether two pod templates are the same once the hash label is ignored (how kube finds the new ReplicaSet).</summary>
    public static bool SameTemplate(JsonObject? a, JsonObject? b) => Of(a, 0) == Of(b, 0);
}

using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Names an object from its generateName plus five random characters, as kube-apiserver does.</summary>
internal static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static void Assign(ResourceType type, JsonObject obj)
    {
        var meta = Meta.Of(obj);
        if (Meta.Name(obj).Length > 0)
        {
            return;
        }

        var generate = meta["generateName"]?.GetValue<string>();
        if (string.IsNullOrEmpty(generate))
        {
            throw Errors.Invalid(type, string.Empty, [FieldError.Required("metadata.name") with { Message = "Required value: name or generateName is required" }]);
        }

        var suffix = new string(Enumerable.Range(0, 5).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]).ToArray());
        meta["name"] = generate + suffix;
    }
}

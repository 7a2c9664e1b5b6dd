using System.Text.Json.Nodes;

namespace Junction.ApiServer.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge, null deletes, everything else (lists too) replaces.</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObj)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObj)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Apply(result[name]?.DeepClone(), value);
                result[name] = merged;
            }
        }

        return result;
    }
}

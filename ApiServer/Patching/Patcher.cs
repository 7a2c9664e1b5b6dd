using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Patching;

/// <summary>Applies a PATCH body by its content type, as kube-apiserver chooses the patch strategy.</summary>
internal static class Patcher
{
    /// <summary>kube-apiserver's limit on the operations of one JSON patch.</summary>
    public const int MaxJsonPatchOperations = 10_000;

    public static JsonObject Patch(ResourceType type, JsonObject existing, string contentType, string text)
    {
        var media = contentType.Split(';')[0].Trim();
        var current = existing.DeepClone().AsObject();
        switch (media)
        {
            case "application/merge-patch+json":
                return JsonMergePatch.Apply(current, ParseObject(text)) as JsonObject ?? throw Errors.BadRequest("the patch produced no object");
            case "application/json-patch+json":
                var ops = Parse(text) as JsonArray ?? throw Errors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
                if (ops.Count > MaxJsonPatchOperations)
                {
                    throw new ApiException(
                        System.Net.HttpStatusCode.RequestEntityTooLarge,
                        "RequestEntityTooLarge",
                        $"The allowed maximum operations in a JSON patch is {MaxJsonPatchOperations}, got {ops.Count}");
                }

                return JsonPatch.Apply(current, ops) as JsonObject ?? throw Errors.BadRequest("the patch produced no object");
            case "application/strategic-merge-patch+json" when type.IsCustom:
                throw Errors.UnsupportedMediaType(media);
            case "application/strategic-merge-patch+json":
                return StrategicMergePatch.Apply(current, ParseObject(text), new ListSemantics(type.Key, null));
            default:
                throw Errors.UnsupportedMediaType(media);
        }
    }

    /// <summary>An apply body: YAML or JSON (JSON is YAML).</summary>
    public static JsonObject ParseApplied(string text)
    {
        var node = YamlJson.Parse(text) as JsonObject ?? throw Errors.BadRequest("error decoding YAML: the apply body is not an object");
        if (node["apiVersion"] is null || node["kind"] is null)
        {
            throw Errors.BadRequest("error decoding YAML: Object 'Kind' is missing");
        }

        return node;
    }

    /// <summary>A patch object read as Go reads it: of duplicate members the last wins (strict decoding reports them).</summary>
    private static JsonObject ParseObject(string text)
    {
        try
        {
            return Decoding.StrictJson.Parse(text, "the patch").Root;
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"error decoding patch: {e.Message}");
        }
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"error decoding patch: {e.Message}");
        }
    }
}

using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>A created body may leave out apiVersion and kind but not contradict the URL; both are then set.</summary>
internal static class KindCheck
{
    public static void Apply(ResourceType type, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var kind = obj["kind"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw Errors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw Errors.BadRequest($"{kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: the object provided is unrecognized (wrong kind)");
        }

        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }
}

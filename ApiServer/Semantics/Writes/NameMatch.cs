using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>A body that names an object must name the one on the URL.</summary>
internal static class NameMatch
{
    public static void Require(JsonObject body, string name)
    {
        var bodyName = Meta.Name(body);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw Errors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
    }
}

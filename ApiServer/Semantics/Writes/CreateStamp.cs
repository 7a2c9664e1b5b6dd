using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>The metadata the server gives a new object: uid, creation time and the first generation.</summary>
internal sealed class CreateStamp(Clock clock)
{
    public void Apply(ResourceType type, JsonObject obj)
    {
        var meta = Meta.Of(obj);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = clock.Now();
        if (type.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }
    }
}

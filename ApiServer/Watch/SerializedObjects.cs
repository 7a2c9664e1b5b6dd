using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Watch;

/// <summary>
/// The JSON of stored objects, shared by every watch that sends them: stored objects are never mutated,
/// so one serialisation per object and format serves all watchers (see <see cref="SharedSerialization"/>).
/// Keyed by the object itself, so an entry goes with the object version it describes.
/// </summary>
internal sealed class SerializedObjects
{
    private readonly ConditionalWeakTable<JsonObject, SharedSerialization> full = new();
    private readonly ConditionalWeakTable<JsonObject, SharedSerialization> metadata = new();

    /// <summary>The object's JSON as <paramref name="write"/> produces it for <paramref name="format"/>.</summary>
    public Task<SerializedJson> GetAsync(JsonObject obj, ObjectFormat format, Action<Utf8JsonWriter, JsonObject> write)
    {
        var table = format == ObjectFormat.Metadata ? metadata : full;
        return table.GetValue(obj, _ => new SharedSerialization()).GetAsync(() => SerializedJson.Of(obj, write));
    }
}

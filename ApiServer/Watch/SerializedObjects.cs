using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Watch;

/// <summary>
/// The JSON bytes of large stored objects, shared by every watch that sends them: stored objects are never
/// mutated, so one serialisation serves all, and it lives only while some stream still writes it (a weak
/// reference), so memory returns once the watchers have gone.
/// </summary>
internal sealed class SerializedObjects
{
    /// <summary>Smaller objects are serialised per stream: caching them would cost more than it saves.</summary>
    private const int SharedFrom = 64 * 1024;

    private readonly ConditionalWeakTable<JsonObject, WeakReference<byte[]>> shared = new();

    /// <summary>The object's JSON as <paramref name="write"/> produces it.</summary>
    public byte[] Get(JsonObject obj, Action<Utf8JsonWriter, JsonObject> write)
    {
        if (shared.TryGetValue(obj, out var weak) && weak.TryGetTarget(out var cached))
        {
            return cached;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, obj);
        }

        var bytes = buffer.WrittenSpan.ToArray();
        if (bytes.Length >= SharedFrom)
        {
            shared.AddOrUpdate(obj, new WeakReference<byte[]>(bytes));
        }

        return bytes;
    }
}

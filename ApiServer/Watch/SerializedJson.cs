using System.Buffers;
using System.Text.Json;

namespace Junction.ApiServer.Watch;

/// <summary>
/// One object's JSON, written once and then only read, so any number of streams can send it at the same
/// time. It is held as a list of segments rather than one array: a growing array doubles (a 20 MiB object
/// passes through 16, 32 and 64 MiB buffers on the large object heap) and is copied once more to trim it.
/// </summary>
internal sealed class SerializedJson : IBufferWriter<byte>
{
    /// <summary>Below the large object heap's 85,000-byte threshold, so segments are compacted like any small object.</summary>
    private const int SegmentSize = 64 * 1024;

    private readonly List<byte[]> full = [];
    private byte[] current = [];
    private int used;
    private bool sealedForReading;

    private SerializedJson()
    {
    }

    /// <summary>Writes <paramref name="obj"/> with <paramref name="write"/> and keeps the bytes.</summary>
    public static SerializedJson Of<T>(T obj, Action<Utf8JsonWriter, T> write)
    {
        var json = new SerializedJson();
        using (var writer = new Utf8JsonWriter(json))
        {
            write(writer, obj);
        }

        json.Seal();
        return json;
    }

    /// <summary>The bytes in order; each segment is at most <see cref="SegmentSize"/> long unless one token needed more.</summary>
    public IReadOnlyList<byte[]> Segments => full;

    void IBufferWriter<byte>.Advance(int count)
    {
        used += count;
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => Reserve(sizeHint).AsMemory(used);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => Reserve(sizeHint).AsSpan(used);

    private byte[] Reserve(int sizeHint)
    {
        if (sealedForReading)
        {
            throw new InvalidOperationException("The serialisation is complete and shared; it cannot be written to.");
        }

        var need = Math.Max(1, sizeHint);
        if (current.Length - used >= need)
        {
            return current;
        }

        Retire();
        // Utf8JsonWriter asks for room for a whole token at once (three bytes per char for a string), so a
        // long string value gets one segment of its own, trimmed to what was written in Retire.
        current = new byte[Math.Max(SegmentSize, need)];
        used = 0;
        return current;
    }

    private void Retire()
    {
        if (used == 0)
        {
            return;
        }

        full.Add(used == current.Length ? current : current.AsSpan(0, used).ToArray());
        current = [];
        used = 0;
    }

    private void Seal()
    {
        Retire();
        sealedForReading = true;
    }
}

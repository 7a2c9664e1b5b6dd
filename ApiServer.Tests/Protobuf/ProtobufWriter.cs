using System.Text;

namespace Junction.ApiServer.Tests.Protobuf;

/// <summary>A tiny protobuf encoder for hand-built test bodies: fields are written in the order given.</summary>
internal sealed class ProtobufWriter
{
    private readonly List<byte> bytes = [];

    public static byte[] Envelope(string apiVersion, string kind, ProtobufWriter message) =>
        [.. "k8s\0"u8.ToArray(), .. new ProtobufWriter()
            .Message(1, new ProtobufWriter().String(1, apiVersion).String(2, kind))
            .Bytes(2, message.ToArray())
            .String(3, string.Empty)
            .String(4, string.Empty)
            .ToArray()];

    public ProtobufWriter Varint(int field, ulong value) => Tag(field, 0).Raw(value);

    public ProtobufWriter Int(int field, long value) => Varint(field, unchecked((ulong)value));

    public ProtobufWriter Bool(int field, bool value) => Varint(field, value ? 1UL : 0UL);

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, ProtobufWriter message) => Bytes(field, message.ToArray());

    public ProtobufWriter Entry(int field, string key, string value) => Message(field, new ProtobufWriter().String(1, key).String(2, value));

    public ProtobufWriter Entry(int field, string key, ProtobufWriter value) => Message(field, new ProtobufWriter().String(1, key).Message(2, value));

    public ProtobufWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2).Raw((ulong)value.Length);
        bytes.AddRange(value);
        return this;
    }

    public ProtobufWriter Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtobufWriter Fixed32(int field, uint value)
    {
        Tag(field, 5);
        bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    /// <summary>Varints packed into one length-delimited field, as proto3 writes repeated numbers.</summary>
    public ProtobufWriter Packed(int field, params long[] values)
    {
        var payload = new ProtobufWriter();
        foreach (var v in values)
        {
            payload.Raw(unchecked((ulong)v));
        }

        return Bytes(field, payload.ToArray());
    }

    /// <summary>Bytes appended as they are (a message cut short, say).</summary>
    public ProtobufWriter Raw(byte[] raw)
    {
        bytes.AddRange(raw);
        return this;
    }

    public byte[] ToArray() => [.. bytes];

    private ProtobufWriter Tag(int field, int wire) => Raw((ulong)((field << 3) | wire));

    private ProtobufWriter Raw(ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);

        return this;
    }
}

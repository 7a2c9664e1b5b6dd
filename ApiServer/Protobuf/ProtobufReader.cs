using Junction.ApiServer.Store;

namespace Junction.ApiServer.Protobuf;

/// <summary>
/// Reads the protobuf wire format field by field: the protobuf decoder and the TokenRequest reader share it for the bodies kubectl sends as
/// application/vnd.kubernetes.protobuf.
/// </summary>
internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public ProtobufReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
        position = 0;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => position >= data.Length;

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next(out int field, out int wireType)
    {
        if (position >= data.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        var tag = Varint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw Truncated();
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Errors.BadRequest("proto: integer overflow");
    }

    public ReadOnlySpan<byte> Bytes()
    {
        var length = Varint();
        if (length > (ulong)(data.Length - position))
        {
            throw Truncated();
        }

        var slice = data.Slice(position, (int)length);
        position += (int)length;
        return slice;
    }

    public string String() => System.Text.Encoding.UTF8.GetString(Bytes());

    /// <summary>Skips a field of any wire type this reader does not want.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                Varint();
                break;
            case 1:
                Advance(8);
                break;
            case 2:
                Bytes();
                break;
            case 5:
                Advance(4);
                break;
            default:
                throw Errors.BadRequest($"proto: illegal wireType {wireType}");
        }
    }

    private void Advance(int count)
    {
        if (position + count > data.Length)
        {
            throw Truncated();
        }

        position += count;
    }

    private static ApiException Truncated() => Errors.BadRequest("proto: unexpected EOF");
}

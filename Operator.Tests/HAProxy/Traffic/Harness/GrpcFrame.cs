using System.Buffers.Binary;
using System.Text;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>gRPC's length-prefixed message framing (uncompressed), with UTF-8 text as the message.</summary>
internal static class GrpcFrame
{
    public static byte[] Encode(string message)
    {
        var payload = Encoding.UTF8.GetBytes(message);
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static string Decode(byte[] frame)
    {
        if (frame.Length < 5)
        {
            throw new FormatException($"a gRPC frame has at least 5 bytes, got {frame.Length}");
        }

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1));
        return Encoding.UTF8.GetString(frame, 5, length);
    }
}

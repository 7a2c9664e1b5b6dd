using Junction.ApiServer.Store;

namespace Junction.ApiServer.Protobuf;

/// <summary>
/// Kubernetes' protobuf envelope: the magic "k8s\0", then runtime.Unknown {1: typeMeta {1: apiVersion,
/// 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}, where raw is the object's own message.
/// </summary>
internal static class ProtobufEnvelope
{
    /// <summary>The media type kubectl's generators and client-go's typed clients send.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>The enveloped message's bytes, with the apiVersion and kind the envelope names.</summary>
    /// <exception cref="ApiException">400: no magic prefix, a truncated envelope or an encoded body.</exception>
    public static ReadOnlySpan<byte> Open(ReadOnlySpan<byte> body, out string apiVersion, out string kind)
    {
        if (!body.StartsWith(Magic))
        {
            throw Errors.BadRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }

        var envelope = new ProtobufReader(body[Magic.Length..]);
        var raw = ReadOnlySpan<byte>.Empty;
        apiVersion = string.Empty;
        kind = string.Empty;
        while (envelope.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 2):
                    ReadTypeMeta(envelope.Bytes(), ref apiVersion, ref kind);
                    break;
                case (2, 2):
                    raw = envelope.Bytes();
                    break;
                case (3, 2):
                    if (envelope.String() is { Length: > 0 } encoding)
                    {
                        // kube-apiserver's serializer reads only unencoded bodies too.
                        throw Errors.BadRequest($"the protobuf body has content encoding {encoding}, which is not supported");
                    }

                    break;
                default:
                    envelope.Skip(wire);
                    break;
            }
        }

        return raw;
    }

    private static void ReadTypeMeta(ReadOnlySpan<byte> bytes, ref string apiVersion, ref string kind)
    {
        var typeMeta = new ProtobufReader(bytes);
        while (typeMeta.Next(out var f, out var w))
        {
            switch (f, w)
            {
                case (1, 2):
                    apiVersion = typeMeta.String();
                    break;
                case (2, 2):
                    kind = typeMeta.String();
                    break;
                default:
                    typeMeta.Skip(w);
                    break;
            }
        }
    }
}

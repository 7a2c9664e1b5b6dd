namespace Junction.Api.V1Alpha1;

/// <summary>The values of spec.protocol.</summary>
public static class Protocols
{
    /// <summary>HTTP/1.1, including WebSocket upgrades.</summary>
    public const string Http = "HTTP";
    /// <summary>HTTP/2 over cleartext (h2c).</summary>
    public const string Http2 = "HTTP2";
    /// <summary>gRPC over HTTP/2.</summary>
    public const string Grpc = "GRPC";
    /// <summary>Opaque TCP.</summary>
    public const string Tcp = "TCP";
}

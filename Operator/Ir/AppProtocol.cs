namespace Junction.Ir;

/// <summary>The application protocol a proxy speaks on both sides.</summary>
internal enum AppProtocol
{
    /// <summary>HTTP/1.1 with WebSocket upgrades.</summary>
    Http,
    /// <summary>Cleartext HTTP/2 (h2c).</summary>
    Http2,
    /// <summary>gRPC: HTTP/2 on both sides.</summary>
    Grpc,
    /// <summary>Opaque TCP streams.</summary>
    Tcp,
}

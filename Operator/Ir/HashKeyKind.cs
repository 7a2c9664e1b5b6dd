namespace Junction.Ir;

/// <summary>The request property a consistent hash is computed on.</summary>
internal enum HashKeyKind
{
    /// <summary>A request header.</summary>
    Header,
    /// <summary>A request cookie.</summary>
    Cookie,
    /// <summary>The client's IP address.</summary>
    SourceIp,
}

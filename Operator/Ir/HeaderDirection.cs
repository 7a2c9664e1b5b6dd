namespace Junction.Ir;

/// <summary>Which message a header change applies to.</summary>
internal enum HeaderDirection
{
    /// <summary>The request, before forwarding.</summary>
    Request,
    /// <summary>The response, before returning it.</summary>
    Response,
}

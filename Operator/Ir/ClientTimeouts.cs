namespace Junction.Ir;

/// <summary>Timeouts on the client side of the proxy.</summary>
/// <param name="Request">Time allowed for the whole request; also bounds receiving the request headers.</param>
/// <param name="Idle">Time an idle client connection, keep-alive or upgraded stream (WebSocket, TCP) is kept.</param>
internal sealed record ClientTimeouts(TimeSpan Request, TimeSpan Idle);

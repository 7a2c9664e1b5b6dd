namespace Junction.Ir;

/// <summary>The port a proxy accepts a policy's traffic on, and the port its Service exposes.</summary>
/// <param name="Port">Container port the proxy binds.</param>
/// <param name="ServicePort">Port of the proxy Service (the target's port, so callers keep their port).</param>
internal sealed record Listener(int Port, int ServicePort);

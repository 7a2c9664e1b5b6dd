namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>One request as a backend saw it; the body is read for plain HTTP requests (not gRPC or WebSocket).</summary>
internal sealed record ObservedRequest(
    string Method,
    string Path,
    string Query,
    string Protocol,
    IReadOnlyDictionary<string, string> Headers,
    string Body = "")
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

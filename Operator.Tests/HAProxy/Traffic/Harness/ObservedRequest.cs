namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>One request as a backend saw it.</summary>
internal sealed record ObservedRequest(
    string Method,
    string Path,
    string Query,
    string Protocol,
    IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

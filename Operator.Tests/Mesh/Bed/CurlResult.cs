namespace Junction.Tests.Mesh.Bed;

/// <summary>One curl run inside a pod: the HTTP status (0 when no response came), the body, and how long it took.</summary>
internal sealed record CurlResult(int Status, string Body, TimeSpan Elapsed, CommandResult Command)
{
    /// <summary>The value of one <c>key=value</c> line of a <see cref="PodApp"/> answer, or null.</summary>
    public string? Field(string key) =>
        Body.Split('\n').FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];

    public override string ToString() => $"HTTP {Status} after {Elapsed.TotalMilliseconds:0} ms: {Body}\n{Command}";
}

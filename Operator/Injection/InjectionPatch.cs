using System.Text.Json.Nodes;

namespace Junction.Injection;

/// <summary>The pod gets the sidecar: the JSON Patch (RFC 6902) operations that add it.</summary>
/// <param name="Operations">The operations, in order.</param>
internal sealed record InjectionPatch(JsonArray Operations) : InjectionOutcome;

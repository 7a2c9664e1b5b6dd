using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tokens;

/// <summary>A decoded TokenRequest body: its metadata (echoed back) and spec.</summary>
/// <param name="Metadata">metadata as sent, never null.</param>
/// <param name="Audiences">spec.audiences; empty means the API server's audiences.</param>
/// <param name="ExpirationSeconds">spec.expirationSeconds; null when unset (defaulted to an hour).</param>
/// <param name="BoundObject">spec.boundObjectRef, if any.</param>
internal sealed record TokenRequestInput(JsonObject Metadata, IReadOnlyList<string> Audiences, long? ExpirationSeconds, BoundObjectReference? BoundObject)
{
    public string Name => Metadata["name"]?.GetValue<string>() ?? string.Empty;

    public string Namespace => Metadata["namespace"]?.GetValue<string>() ?? string.Empty;
}

using System.Text.Json.Serialization;

namespace Junction.Agent.Api;

/// <summary>Source-generated JSON for the proxy API (no reflection, so it survives trimming and NativeAOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(IdentityRequest))]
[JsonSerializable(typeof(IdentityResponse))]
[JsonSerializable(typeof(ConfigBundle))]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class AgentJsonContext : JsonSerializerContext
{
}

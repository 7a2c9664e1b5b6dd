using System.Text.Json.Serialization;

namespace Junction.Distribution;

/// <summary>Source-generated JSON for the proxy API's bodies (camelCase, nulls written as null).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IdentityRequestBody))]
[JsonSerializable(typeof(IdentityResponseBody))]
[JsonSerializable(typeof(BundleBody))]
[JsonSerializable(typeof(StatusRequestBody))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class DistributionJson : JsonSerializerContext;

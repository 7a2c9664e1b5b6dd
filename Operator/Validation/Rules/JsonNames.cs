using System.Reflection;
using System.Text.Json.Serialization;

namespace Junction.Validation.Rules;

/// <summary>The JSON (Kubernetes) name of an API property: its JsonPropertyName, else camelCase.</summary>
internal static class JsonNames
{
    public static string Of(MemberInfo member) =>
        member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
}

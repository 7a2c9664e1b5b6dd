using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Tokens;

/// <summary>
/// Typed reads of a JSON body that fail as kube-apiserver's decoder does: 400 with encoding/json's words
/// ("json: cannot unmarshal string into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64").
/// </summary>
internal sealed class GoJsonDecoder(string kind)
{
    public long? Int64(JsonNode? value, string goStruct, string path)
    {
        if (value is null)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            var text = value.ToJsonString();
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw Undecodable($"json: cannot unmarshal number {text} into Go struct field {goStruct}.{path} of type int64");
        }

        throw Undecodable($"json: cannot unmarshal {KindName(value)} into Go struct field {goStruct}.{path} of type int64");
    }

    public string String(JsonNode? value, string goStruct, string path) => value switch
    {
        null => string.Empty,
        _ when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Undecodable($"json: cannot unmarshal {KindName(value)} into Go struct field {goStruct}.{path} of type string"),
    };

    public IReadOnlyList<string> Strings(JsonNode? value, string goStruct, string path)
    {
        if (value is null)
        {
            return [];
        }

        if (value is not JsonArray array)
        {
            throw Undecodable($"json: cannot unmarshal {KindName(value)} into Go struct field {goStruct}.{path} of type []string");
        }

        // A null item decodes to the empty string, as in Go.
        return array.Select(item => item is null ? string.Empty : String(item, goStruct, path)).ToList();
    }

    public JsonObject? Object(JsonNode? value, string goStruct, string path, string goType) => value switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Undecodable($"json: cannot unmarshal {KindName(value)} into Go struct field {goStruct}.{path} of type {goType}"),
    };

    public ApiException Undecodable(string why) =>
        new(System.Net.HttpStatusCode.BadRequest, "BadRequest", $"{kind} in version \"v1\" cannot be handled as a {kind}: {why}");

    private static string KindName(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "number",
    };
}

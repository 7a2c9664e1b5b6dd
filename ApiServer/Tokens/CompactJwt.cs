using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tokens;

/// <summary>A JWS in compact serialization, split and decoded but not yet verified.</summary>
/// <param name="Header">The protected header.</param>
/// <param name="Payload">The claims; untrusted until the signature is verified.</param>
/// <param name="SigningInput">The bytes the signature covers: base64url(header) "." base64url(payload).</param>
/// <param name="Signature">The signature bytes.</param>
internal sealed record CompactJwt(JsonObject Header, JsonObject Payload, byte[] SigningInput, byte[] Signature)
{
    /// <summary>The parts of a compact JWS, or null when the text is not one (not three parts, bad base64url or JSON).</summary>
    public static CompactJwt? Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || token.TrimStart().StartsWith('{'))
        {
            return null;
        }

        var header = Object(Base64Url.Decode(parts[0]));
        var payload = Object(Base64Url.Decode(parts[1]));
        var signature = Base64Url.Decode(parts[2]);
        if (header is null || payload is null || signature is null)
        {
            return null;
        }

        return new CompactJwt(header, payload, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature);
    }

    private static JsonObject? Object(byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>
/// Reads request bodies within kube-apiserver's limits: a size limit (413 RequestEntityTooLarge) and a
/// nesting limit checked by a flat reader before any tree is built (400), so no body can exhaust the
/// stack or the memory of the server.
/// </summary>
internal static class RequestBody
{
    /// <summary>The whole body as text; 413 when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<string> TextAsync(HttpRequest request, long limit)
    {
        using var buffer = await BufferAsync(request, limit);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The whole body as bytes (protobuf bodies); 413 when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]> BytesAsync(HttpRequest request, long limit)
    {
        using var buffer = await BufferAsync(request, limit);
        return buffer.ToArray();
    }

    private static async Task<MemoryStream> BufferAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength is { } length && length > limit)
        {
            throw TooLarge(limit);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }

    /// <summary>A JSON or YAML object body, by its content type.</summary>
    public static async Task<JsonObject> ObjectAsync(HttpRequest request, long limit)
    {
        var media = (request.ContentType ?? "application/json").Split(';')[0].Trim();
        if (media is "application/yaml")
        {
            return YamlJson.Parse(await TextAsync(request, limit)) as JsonObject
                ?? throw Errors.BadRequest("the request body is not an object");
        }

        if (media is not ("application/json" or "*/*"))
        {
            // Objects of a kind are read by TypedBody (protobuf included); the bodies read here (DeleteOptions) are JSON or YAML.
            throw new ApiException(
                HttpStatusCode.UnsupportedMediaType,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
        }

        var text = await TextAsync(request, limit);
        try
        {
            CheckDepth(text);
            var node = JsonNode.Parse(text);
            return node as JsonObject ?? throw Errors.BadRequest("the request body is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"the request body could not be decoded: {e.Message}");
        }
    }

    /// <summary>400 in encoding/json's words when JSON nests deeper than <see cref="YamlLimits.MaxDepth"/>.</summary>
    public static void CheckDepth(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= YamlLimits.MaxDepth)
            {
                var bracket = reader.TokenType == JsonTokenType.StartObject ? '{' : '[';
                throw Errors.BadRequest(string.Create(CultureInfo.InvariantCulture, $"the request body could not be decoded: invalid character '{bracket}' exceeded max depth of {YamlLimits.MaxDepth}"));
            }
        }
    }

    private static ApiException TooLarge(long limit) =>
        new(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge", string.Create(CultureInfo.InvariantCulture, $"Request entity too large: limit is {limit}"));
}

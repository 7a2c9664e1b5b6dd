using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Decoding;
using Junction.ApiServer.Model;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Protobuf;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>
/// The object of a create or update, decoded as kube-apiserver decodes into the kind's Go type: JSON,
/// YAML, or protobuf for the kinds in the built-in model; undeclared members dropped and, with the
/// duplicate members, reported by fieldValidation.
/// </summary>
internal static class TypedBody
{
    /// <summary>The object and the strict-decoding warnings to answer with.</summary>
    public static async Task<(JsonObject Object, IReadOnlyList<string> Warnings)> ReadAsync(HttpRequest request, ResourceType type, long limit, WriteOptions options)
    {
        var media = (request.ContentType ?? "application/json").Split(';')[0].Trim();
        JsonObject body;
        ParsedJson? parsed = null;
        switch (media)
        {
            case ProtobufEnvelope.MediaType when StrictDecoding.ModelOf(type) is not null:
                body = ProtobufDecoder.DecodeObject(await RequestBody.BytesAsync(request, limit), BuiltinModel.ForKind);
                break;
            case "application/yaml":
                body = YamlJson.Parse(await RequestBody.TextAsync(request, limit)) as JsonObject
                    ?? throw Errors.BadRequest("the request body is not an object");
                break;
            case "application/json" or "*/*":
                parsed = Parse(await RequestBody.TextAsync(request, limit));
                body = parsed.Root;
                break;
            default:
                throw Unsupported(type);
        }

        return (body, StrictDecoding.CheckBody(type, body, parsed, options.FieldValidation));
    }

    /// <summary>kube-apiserver's 415, naming the media types this kind accepts.</summary>
    public static ApiException Unsupported(ResourceType type)
    {
        var accepted = StrictDecoding.ModelOf(type) is null
            ? "application/json, application/yaml"
            : $"application/json, application/yaml, {ProtobufEnvelope.MediaType}";
        return new ApiException(
            HttpStatusCode.UnsupportedMediaType,
            "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {accepted}");
    }

    private static ParsedJson Parse(string text)
    {
        try
        {
            return StrictJson.Parse(text, "the request body");
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"the request body could not be decoded: {e.Message}");
        }
    }
}

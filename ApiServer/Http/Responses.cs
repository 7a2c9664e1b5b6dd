using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>Writes JSON bodies and Status errors.</summary>
internal static class Responses
{
    private const string PartialMetadataApiVersion = "meta.k8s.io/v1";

    public static async Task Json(HttpContext context, int status, JsonNode body, IReadOnlyList<string>? warnings = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var w in warnings ?? [])
        {
            context.Response.Headers.Append("Warning", $"299 - \"{w.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    public static Task Error(HttpContext context, ApiException error) => Json(context, (int)error.Code, error.ToStatus());

    /// <summary>
    /// A list written item by item, so large lists are not copied into one tree first; as a
    /// PartialObjectMetadataList when <paramref name="metadataOnly"/>.
    /// </summary>
    public static async Task List(HttpContext context, ResourceType type, ListResult list, bool metadataOnly = false)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("kind", metadataOnly ? "PartialObjectMetadataList" : type.ListKind);
        writer.WriteString("apiVersion", metadataOnly ? PartialMetadataApiVersion : type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", list.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (list.Continue is not null)
        {
            writer.WriteString("continue", list.Continue);
        }

        if (list.RemainingItemCount is { } remaining)
        {
            writer.WriteNumber("remainingItemCount", remaining);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("items");
        foreach (var item in list.Items)
        {
            if (metadataOnly)
            {
                WriteMetadata(writer, item);
            }
            else
            {
                WriteObject(writer, type, item);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes a stored object as served at the type's version without copying it.</summary>
    public static void WriteObject(Utf8JsonWriter writer, ResourceType type, JsonObject obj)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion", type.ApiVersion);
        foreach (var (name, value) in obj)
        {
            if (name == "apiVersion")
            {
                continue;
            }

            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The object as kube-apiserver's PartialObjectMetadata: its metadata under kind PartialObjectMetadata,
    /// apiVersion meta.k8s.io/v1, and nothing else (no spec, status or Secret data).
    /// </summary>
    public static void WriteMetadata(Utf8JsonWriter writer, JsonObject obj)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadata");
        writer.WriteString("apiVersion", PartialMetadataApiVersion);
        writer.WritePropertyName("metadata");
        if (obj["metadata"] is JsonObject metadata)
        {
            metadata.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>A single object as <see cref="WriteMetadata"/> writes it.</summary>
    public static async Task Metadata(HttpContext context, JsonObject obj)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        WriteMetadata(writer, obj);
        await writer.FlushAsync(context.RequestAborted);
    }
}

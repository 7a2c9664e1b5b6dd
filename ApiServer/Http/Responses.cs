using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>Writes JSON bodies and Status errors.</summary>
internal static class Responses
{
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

    /// <summary>A list written item by item, so large lists are not copied into one tree first.</summary>
    public static async Task List(HttpContext context, ResourceType type, ListResult list)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("kind", type.ListKind);
        writer.WriteString("apiVersion", type.ApiVersion);
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
            WriteObject(writer, type, item);
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
}

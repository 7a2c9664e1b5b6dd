using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace Junction.Reconciliation;

/// <summary>Reads the API server's answer out of a failed request.</summary>
internal static class ApiErrors
{
    /// <summary>The HTTP status of a failed API request, or null for any other failure.</summary>
    public static HttpStatusCode? StatusOf(Exception e) =>
        e is HttpOperationException { Response: { } response } ? response.StatusCode : null;

    /// <summary>True for 409, which is both "already exists" and "stale resourceVersion".</summary>
    public static bool IsConflict(Exception e) => StatusOf(e) == HttpStatusCode.Conflict;

    /// <summary>True for 404.</summary>
    public static bool IsNotFound(Exception e) => StatusOf(e) == HttpStatusCode.NotFound;

    /// <summary>"409 Conflict: the object has been modified", using the server's Status message when there is one.</summary>
    public static string Describe(Exception e)
    {
        if (e is not HttpOperationException { Response: { } response })
        {
            return $"{e.GetType().Name}: {e.Message}";
        }

        var code = $"{(int)response.StatusCode} {response.StatusCode}";
        return ServerMessage(response.Content) is { } message ? $"{code}: {message}" : code;
    }

    private static string? ServerMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(content);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m)
                ? m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

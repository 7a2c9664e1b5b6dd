using System.Net;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>The API server answered with an error status, in an HTTP response or a watch ERROR event.</summary>
public sealed class ApiStatusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiStatusException(HttpStatusCode statusCode, string message, V1Status? status = null, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status code, or the watch ERROR event's <c>code</c>.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status object the server sent, when it sent one.</summary>
    public V1Status? Status { get; }

    /// <summary>The server's Retry-After, when it sent one (429 and 503).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether this is 410 Gone: the resourceVersion is too old and the cache must relist.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;

    /// <inheritdoc />
    public ApiStatusException()
        : this(HttpStatusCode.InternalServerError, "The API server answered with an error.")
    {
    }

    /// <inheritdoc />
    public ApiStatusException(string message)
        : this(HttpStatusCode.InternalServerError, message)
    {
    }

    /// <inheritdoc />
    public ApiStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
    }
}

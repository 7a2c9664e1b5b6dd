namespace Junction.Api.V1Alpha1;

/// <summary>The values of routes[].filters[].type.</summary>
public static class FilterTypes
{
    /// <summary>Changes request headers.</summary>
    public const string RequestHeaderModifier = "RequestHeaderModifier";
    /// <summary>Changes response headers.</summary>
    public const string ResponseHeaderModifier = "ResponseHeaderModifier";
    /// <summary>Rewrites the path or host.</summary>
    public const string UrlRewrite = "URLRewrite";
    /// <summary>Redirects the client.</summary>
    public const string RequestRedirect = "RequestRedirect";
    /// <summary>Aborts or delays a share of requests on purpose.</summary>
    public const string FaultInjection = "FaultInjection";
    /// <summary>Sends a copy of a share of requests to another Service.</summary>
    public const string RequestMirror = "RequestMirror";
}

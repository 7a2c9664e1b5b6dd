namespace Junction.ApiServer.Http;

/// <summary>Splits a resource URL into its parts; discovery and OpenAPI paths are not resource URLs.</summary>
internal static class RouteParser
{
    public static ApiRoute? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group;
        string version;
        string[] rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = (string.Empty, segments[1], segments[2..]);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            return null;
        }

        var ns = string.Empty;
        if (rest.Length >= 3 && rest[0] == "namespaces" && rest[2] is not ("status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        return rest.Length switch
        {
            1 => new ApiRoute(group, version, ns, rest[0], string.Empty, string.Empty),
            2 => new ApiRoute(group, version, ns, rest[0], rest[1], string.Empty),
            3 => new ApiRoute(group, version, ns, rest[0], rest[1], rest[2]),
            _ => null,
        };
    }
}

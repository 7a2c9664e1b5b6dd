namespace Junction.Validation;

/// <summary>
/// A container image reference reduced to where it comes from: registry host and repository path,
/// normalised as the container runtime does (<c>haproxy:3</c> is <c>docker.io/library/haproxy</c>).
/// </summary>
/// <param name="Repository">Registry host and path without tag or digest, e.g. <c>docker.io/library/haproxy</c>.</param>
internal sealed record ImageReference(string Repository)
{
    private const string DockerHub = "docker.io";

    /// <summary>The repository without its last segment, e.g. <c>docker.io/library</c>: the registry an image is "from".</summary>
    public string RegistryPath => Repository[..Repository.LastIndexOf('/')];

    /// <summary>Normalises a reference; the tag and digest are dropped because they do not change where the image comes from.</summary>
    public static ImageReference Parse(string image)
    {
        var name = image;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        // A colon after the last slash starts the tag; one before it is a registry port.
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            name = name[..colon];
        }

        return new ImageReference(Normalise(name));
    }

    /// <summary>
    /// Normalises an allowed-registry entry the way an image's repository is normalised, so
    /// <c>index.docker.io/library</c>, <c>docker.io/library</c> and <c>library</c> mean one thing.
    /// </summary>
    public static string NormalisePrefix(string prefix)
    {
        var trimmed = prefix.Trim().TrimEnd('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? trimmed : trimmed[..slash];
        if (!IsHost(first))
        {
            return $"{DockerHub}/{trimmed}";
        }

        var host = Host(first);
        return slash < 0 ? host : $"{host}/{trimmed[(slash + 1)..]}";
    }

    /// <summary>
    /// Whether the repository lies under <paramref name="prefix"/> on a path boundary:
    /// <c>docker.io/library</c> covers <c>docker.io/library/haproxy</c>, never <c>docker.io/library-evil/x</c>
    /// or <c>docker.io.evil.com/library/x</c>.
    /// </summary>
    public bool IsUnder(string prefix)
    {
        var normalised = NormalisePrefix(prefix);
        return Repository == normalised
            || (Repository.Length > normalised.Length && Repository.StartsWith(normalised, StringComparison.Ordinal) && Repository[normalised.Length] == '/');
    }

    private static string Normalise(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? name : name[..slash];
        // As the Docker reference grammar: the first segment is a registry host only when it
        // looks like one (a dot, a port or localhost); otherwise the image is on Docker Hub.
        if (slash < 0 || !IsHost(first))
        {
            return slash < 0 ? $"{DockerHub}/library/{name}" : $"{DockerHub}/{name}";
        }

        var host = Host(first);
        var path = name[(slash + 1)..];
        return host == DockerHub && !path.Contains('/', StringComparison.Ordinal) ? $"{host}/library/{path}" : $"{host}/{path}";
    }

    private static bool IsHost(string segment) =>
        segment.Contains('.', StringComparison.Ordinal) || segment.Contains(':', StringComparison.Ordinal) || segment == "localhost";

    private static string Host(string segment)
    {
        var host = segment.ToLowerInvariant();
        return host is "index.docker.io" or "registry-1.docker.io" ? DockerHub : host;
    }
}

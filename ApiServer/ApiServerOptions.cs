namespace Junction.ApiServer;

/// <summary>How an <see cref="InMemoryApiServer"/> listens and keeps history.</summary>
public sealed record ApiServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>The clock for creationTimestamp, deletionTimestamp, managedFields times and Table ages.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How many watch events are kept; a watch from an older resourceVersion gets 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>How often a watch that allows bookmarks receives a BOOKMARK event.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>YAML files, or directories of *.yaml/*.yml files, whose CustomResourceDefinitions are served from the start (e.g. crds/).</summary>
    public IReadOnlyList<string> CrdPaths { get; init; } = [];

    /// <summary>Namespaces that exist at start.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];
}

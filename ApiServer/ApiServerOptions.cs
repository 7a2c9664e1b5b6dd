using System.Security.Cryptography;

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

    /// <summary>
    /// The largest request body accepted, in bytes; a larger one gets 413 RequestEntityTooLarge. The
    /// default is kube-apiserver's (3 MiB: twice etcd's object limit).
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>
    /// How many events may wait for one watch's reader beyond its initial state; a reader further behind is
    /// dropped (its stream ends, the client watches again), so a slow client cannot hold the server's memory.
    /// </summary>
    public int WatchBufferSize { get; init; } = 1000;

    /// <summary>YAML files, or directories of *.yaml/*.yml files, whose CustomResourceDefinitions are served from the start (e.g. crds/).</summary>
    public IReadOnlyList<string> CrdPaths { get; init; } = [];

    /// <summary>
    /// The iss claim of the ServiceAccount tokens the server issues and accepts (kube-apiserver's
    /// --service-account-issuer); kubeadm's and kind's default.
    /// </summary>
    public string ServiceAccountIssuer { get; init; } = "https://kubernetes.default.svc.cluster.local";

    /// <summary>
    /// The API server's own audiences (--api-audiences): a TokenRequest without spec.audiences gets them, and a
    /// TokenReview without spec.audiences checks for them.
    /// </summary>
    public IReadOnlyList<string> ApiAudiences { get; init; } = ["https://kubernetes.default.svc.cluster.local"];

    /// <summary>The randomness of token IDs (the jti claim); the system's generator unless a test fixes it.</summary>
    public RandomNumberGenerator Random { get; init; } = SharedRandom;

    /// <summary>
    /// Whether every namespace gets what kube-controller-manager gives it at once: the `default` ServiceAccount
    /// and the `kube-root-ca.crt` ConfigMap. `junction run --local` turns it on, so its cluster looks real; it is
    /// off by default because tests that count the objects of a namespace should not count these.
    /// </summary>
    public bool PopulateNamespaces { get; init; }

    /// <summary>Namespaces that exist at start.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private static RandomNumberGenerator SharedRandom { get; } = RandomNumberGenerator.Create();
}

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
    /// Whether the server plays kube-controller-manager, the scheduler and a kubelet: Deployments get
    /// ReplicaSets, ReplicaSets and Jobs get Pods (created through admission, webhooks included), and Pods
    /// are scheduled and reported Running with IPs, conditions and container statuses; every namespace gets the
    /// `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap at once. Off by default, so a
    /// test decides itself when a rollout completes (<see cref="ClusterSimulator"/>).
    /// </summary>
    public bool SimulateWorkloads { get; init; }

    /// <summary>
    /// kube-apiserver's limit on a ConfigMap's data and binaryData together (core.MaxSecretSize, 1 MiB):
    /// larger ones are refused as Invalid. Tests that hold bigger objects as load raise it.
    /// </summary>
    public int MaxConfigMapBytes { get; init; } = Validation.ConfigMapValidator.MaxSize;

    /// <summary>With <see cref="SimulateWorkloads"/>, how long a pod stays Pending (ContainerCreating) before it runs, and how long a Job's pod runs.</summary>
    public TimeSpan PodStartDelay { get; init; }

    /// <summary>Namespaces that exist at start.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>The built-in types' shapes the OpenAPI documents are generated from; tests substitute their own.</summary>
    internal Schema.Shapes.IBuiltinShapes Shapes { get; init; } = Schema.Shapes.ModelShapes.Instance;

    private static RandomNumberGenerator SharedRandom { get; } = RandomNumberGenerator.Create();
}

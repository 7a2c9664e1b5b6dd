using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>The writable emptyDir of the proxy (the root filesystem is read-only).</summary>
    public const string RunDirectory = "/var/run/haproxy";

    /// <summary>Where the master CLI socket lives; on the writable emptyDir.</summary>
    public const string MasterSocket = RunDirectory + "/master.sock";

    // The endpoints controller and every kube-proxy need a moment to stop sending new
    // connections to a terminating pod; haproxy keeps serving meanwhile.
    private const int PreStopSleepSeconds = 5;

    /// <summary>
    /// The init container that checks the config before haproxy starts: a config the proxy refuses
    /// keeps the pod from ever becoming ready, so the policy cannot report Ready for it.
    /// </summary>
    public const string ConfigCheckContainerName = "config-check";

    /// <summary>The config check's command line, run by the same haproxy binary as the proxy.</summary>
    public static IReadOnlyList<string> ConfigCheckArguments { get; } =
        ["-c", "-f", ConfigDirectory + "/" + ConfigFileName];

    /// <summary>
    /// The haproxy command line: master-worker (-W) in the foreground (-db) with a master CLI socket
    /// for zero-loss reloads.
    /// </summary>
    public static IReadOnlyList<string> ProxyArguments { get; } =
        ["-W", "-db", "-S", MasterSocket, "-f", ConfigDirectory + "/" + ConfigFileName];

    /// <summary>
    /// The gateway Deployment, named &lt;policy&gt;-proxy. With rollout delivery (<paramref name="agent"/>
    /// null) the config hash on the pod template rolls the pods whenever the config changes, without
    /// losing a request: a new pod is ready before an old one goes (surge 1, none unavailable), and
    /// an old one first sleeps in preStop while its endpoint is removed, then haproxy's soft stop
    /// lets open connections finish. With agent delivery the template carries no config at all:
    /// junction-agent in the pod fetches each change and applies it in place, so only a change of
    /// image, resources or replicas touches the pods.
    /// </summary>
    /// <param name="f">The fragment.</param>
    /// <param name="configHash">The haproxy.cfg hash.</param>
    /// <param name="identityHash">
    /// The hash of the identity Secret's content (see <see cref="IdentityDirectory"/>), when the
    /// gateway is meshed and its certificate is known; a new certificate thus rolls the pods, which
    /// read it only at start.
    /// </param>
    /// <param name="agent">How the agent is wired in; null for rollout delivery.</param>
    public static V1Deployment ProxyDeployment(ProxyFragment f, string configHash, string? identityHash = null, AgentWiring? agent = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Meta(f, ChildNames.Proxy(f.PolicyName), ProxyLabels(f)),
        Spec = new V1DeploymentSpec
        {
            Replicas = f.Gateway.Replicas,
            Selector = new V1LabelSelector { MatchLabels = ProxySelector(f) },
            Strategy = new V1DeploymentStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 },
            },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = ProxyLabels(f),
                    // With agent delivery neither the config nor the identity is in the template: the agent fetches both.
                    Annotations = agent is not null
                        ? null
                        : identityHash is null
                            ? new Dictionary<string, string> { [ConfigHashAnnotation] = configHash }
                            : new Dictionary<string, string> { [ConfigHashAnnotation] = configHash, [IdentityHashAnnotation] = identityHash },
                },
                Spec = agent is null ? PodSpec(f) : AgentPodSpec(f, agent),
            },
        },
    };

    /// <summary>Where a meshed gateway's identity Secret is mounted: tls.pem and ca.pem, as in a sidecar.</summary>
    public const string IdentityDirectory = "/var/run/junction/identity";

    /// <summary>The pod template annotation with the hash of the identity Secret's content.</summary>
    public const string IdentityHashAnnotation = "traffic.junction.dev/identity-hash";

    private static V1PodSpec PodSpec(ProxyFragment f) => new()
    {
        // The identity a meshed gateway's certificate names, stated where the kubelet applies it.
        ServiceAccountName = f.Mesh?.Identity.ServiceAccount,
        // HAProxy never calls the API server: no token in the pod to steal.
        AutomountServiceAccountToken = false,
        SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            // The haproxy image's own user; a numeric id lets the kubelet verify runAsNonRoot.
            RunAsUser = 99,
            RunAsGroup = 99,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        // SIGTERM comes after preStop; haproxy then stops softly, for hard-stop-after at most.
        TerminationGracePeriodSeconds = PreStopSleepSeconds + (long)ProxyLifecycle.HardStopAfter.TotalSeconds + 10,
        InitContainers = [ConfigCheckContainer(f)],
        Containers = [ProxyContainer(f)],
        Volumes = f.Mesh is { } mesh
            ? [ConfigVolume(f), RunVolume(), new V1Volume { Name = IdentityVolume, Secret = new V1SecretVolumeSource { SecretName = mesh.Identity.SecretName } }]
            : [ConfigVolume(f), RunVolume()],
    };

    private const string IdentityVolume = "identity";

    private static V1Volume ConfigVolume(ProxyFragment f) => new()
    {
        Name = "config",
        ConfigMap = new V1ConfigMapVolumeSource { Name = ChildNames.Proxy(f.PolicyName) },
    };

    private static V1Volume RunVolume() => new() { Name = "run", EmptyDir = new V1EmptyDirVolumeSource() };

    // The check loads the certificate files too, so it needs them where the proxy will find them.
    private static List<V1VolumeMount> Mounts(ProxyFragment f, bool withRun)
    {
        var mounts = new List<V1VolumeMount> { new() { Name = "config", MountPath = ConfigDirectory, ReadOnlyProperty = true } };
        if (withRun)
        {
            mounts.Add(new V1VolumeMount { Name = "run", MountPath = RunDirectory });
        }

        if (f.Mesh is not null)
        {
            mounts.Add(new V1VolumeMount { Name = IdentityVolume, MountPath = IdentityDirectory, ReadOnlyProperty = true });
        }

        return mounts;
    }

    // Same image, config mount, resources and restrictions as the proxy, so the check sees what
    // the proxy will load. On failure the kubelet shows haproxy's own error (the end of its
    // output) as the container's termination message.
    private static V1Container ConfigCheckContainer(ProxyFragment f) => new()
    {
        Name = ConfigCheckContainerName,
        Image = f.Gateway.Image,
        Command = ["haproxy"],
        Args = [.. ConfigCheckArguments],
        Resources = Resources(f.Gateway.Resources),
        TerminationMessagePolicy = "FallbackToLogsOnError",
        SecurityContext = ContainerSecurity(),
        VolumeMounts = Mounts(f, withRun: false),
    };

    private static V1SecurityContext ContainerSecurity() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    private static V1Container ProxyContainer(ProxyFragment f) => new()
    {
        Name = "haproxy",
        Image = f.Gateway.Image,
        Command = ["haproxy"],
        Args = [.. ProxyArguments],
        Ports =
        [
            new V1ContainerPort { Name = PortName(f.Protocol), ContainerPort = f.Listener.Port, Protocol = "TCP" },
            new V1ContainerPort { Name = "metrics", ContainerPort = f.Gateway.MetricsPort, Protocol = "TCP" },
        ],
        Lifecycle = new V1Lifecycle
        {
            PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = PreStopSleepSeconds } },
        },
        ReadinessProbe = Probe(periodSeconds: 5, failureThreshold: 2),
        LivenessProbe = Probe(periodSeconds: 10, failureThreshold: 6),
        Resources = Resources(f.Gateway.Resources),
        SecurityContext = ContainerSecurity(),
        VolumeMounts = Mounts(f, withRun: true),
    };

    // Every probe field is set, to the values the API server would default otherwise, so the
    // stored object equals the desired one.
    private static V1Probe Probe(int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "metrics", Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 1,
        SuccessThreshold = 1,
        FailureThreshold = failureThreshold,
    };

    private static V1ResourceRequirements Resources(ComputeResources resources) => new()
    {
        Requests = resources.Requests.IsEmpty ? null : resources.Requests.ToDictionary(r => r.Name, r => new ResourceQuantity(r.Quantity)),
        Limits = resources.Limits.IsEmpty ? null : resources.Limits.ToDictionary(r => r.Name, r => new ResourceQuantity(r.Quantity)),
    };
}

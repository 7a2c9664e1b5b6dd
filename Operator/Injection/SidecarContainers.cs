using System.Globalization;
using Junction.Objects;
using k8s.Models;

namespace Junction.Injection;

/// <summary>
/// The containers and volumes injection adds to a pod, each built by a function named after it.
/// Paths, ports and the token audience are those of the agent contract, the same an agent-mode
/// gateway pod uses (<see cref="ChildObjects"/>).
/// </summary>
internal static class SidecarContainers
{
    /// <summary>The proxy's uid and gid: init-net's rules let this owner's traffic leave uncaptured.</summary>
    public const long ProxyUid = 1337;

    /// <summary>Volumes injection adds, named so that they do not meet a workload's own.</summary>
    public const string RunVolume = "junction-run";

    /// <summary>The bundle directory's volume.</summary>
    public const string BundleVolume = "junction-bundle";

    /// <summary>The volume junction-agent is copied onto.</summary>
    public const string BinVolume = "junction-bin";

    /// <summary>The trust bundle ConfigMap's volume.</summary>
    public const string TrustVolume = "junction-trust";

    /// <summary>The projected ServiceAccount token's volume.</summary>
    public const string TokenVolume = "junction-token";

    private const string RunDirectory = "/var/run/junction";
    private const string BundleDirectory = "/etc/junction/proxy";
    private const string TrustDirectory = "/var/run/junction/trust";
    private const string TokenDirectory = "/var/run/secrets/junction";
    private const string HealthPortName = "junction-ready";

    // An hour, as for gateways; the kubelet refreshes the file well before it expires.
    private const long TokenSeconds = 3600;

    // How long the pre-1.29 postStart hook waits for the first config before the kubelet gives up on the container.
    private const int StartWaitSeconds = 120;

    /// <summary>junction-init: runs <c>junction init-net</c> as root with NET_ADMIN and NET_RAW, then exits.</summary>
    public static V1Container InitNet(InjectionOptions options, IReadOnlyList<string> initNetArguments) => new()
    {
        Name = InjectionNames.InitContainer,
        Image = options.InitImage,
        Command = ["/app/junction"],
        Args = ["init-net", .. initNetArguments],
        Resources = SmallResources(),
        // iptables needs root and the two capabilities; nothing else is kept, and nothing runs after it exits.
        SecurityContext = new V1SecurityContext
        {
            RunAsUser = 0,
            RunAsGroup = 0,
            RunAsNonRoot = false,
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            Privileged = false,
            Capabilities = new V1Capabilities { Add = ["NET_ADMIN", "NET_RAW"], Drop = ["ALL"] },
        },
    };

    /// <summary>junction-install-agent: copies junction-agent out of the (distroless) operator image onto an emptyDir.</summary>
    public static V1Container InstallAgent(InjectionOptions options) => new()
    {
        Name = InjectionNames.InstallAgentContainer,
        Image = options.OperatorImage,
        Command = ["/app/junction"],
        Args = ["install-agent", "--from", ChildObjects.AgentInImage, "--to", ChildObjects.AgentBinDirectory],
        Resources = SmallResources(),
        SecurityContext = ProxySecurity(),
        VolumeMounts = [new V1VolumeMount { Name = BinVolume, MountPath = ChildObjects.AgentBinDirectory }],
    };

    /// <summary>
    /// junction-proxy: junction-agent, which fetches the identity and config and starts HAProxy, as
    /// uid/gid 1337. Native: an init container with <c>restartPolicy: Always</c>, started before the
    /// app's containers once its startup probe passes, stopped after them. Otherwise a regular
    /// container whose postStart hook waits for readiness, so the kubelet starts the next container only then.
    /// </summary>
    public static V1Container Proxy(InjectionOptions options)
    {
        var container = new V1Container
        {
            Name = InjectionNames.ProxyContainer,
            Image = options.ProxyImage,
            Command = [ChildObjects.AgentBinDirectory + "/junction-agent"],
            Args =
            [
                "run",
                "--proxy", "sidecar/$(POD_NAMESPACE)/$(SERVICE_ACCOUNT)",
                "--operator", options.ProxyApiUrl,
                "--operator-ca", ChildObjects.OperatorCaFile,
                "--instance", "$(POD_NAME)",
                "--token-file", ChildObjects.AgentTokenFile,
            ],
            Env =
            [
                FieldEnv("POD_NAME", "metadata.name"),
                FieldEnv("POD_NAMESPACE", "metadata.namespace"),
                FieldEnv("SERVICE_ACCOUNT", "spec.serviceAccountName"),
                new V1EnvVar { Name = "JUNCTION_OPERATOR", Value = options.ProxyApiUrl },
            ],
            Ports = [new V1ContainerPort { Name = HealthPortName, ContainerPort = ChildObjects.AgentHealthPort, Protocol = "TCP" }],
            // Ready once the first config runs in HAProxy; the startup probe holds everything back until then.
            StartupProbe = ReadyProbe(periodSeconds: 1, failureThreshold: StartWaitSeconds),
            ReadinessProbe = ReadyProbe(periodSeconds: 5, failureThreshold: 2),
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
            },
            SecurityContext = ProxySecurity(),
            VolumeMounts =
            [
                new V1VolumeMount { Name = RunVolume, MountPath = RunDirectory },
                new V1VolumeMount { Name = BundleVolume, MountPath = BundleDirectory },
                new V1VolumeMount { Name = BinVolume, MountPath = ChildObjects.AgentBinDirectory, ReadOnlyProperty = true },
                new V1VolumeMount { Name = TrustVolume, MountPath = TrustDirectory, ReadOnlyProperty = true },
                new V1VolumeMount { Name = TokenVolume, MountPath = TokenDirectory, ReadOnlyProperty = true },
            ],
        };
        if (options.NativeSidecar)
        {
            container.RestartPolicy = "Always";
        }
        else
        {
            container.Lifecycle = new V1Lifecycle
            {
                PostStart = new V1LifecycleHandler
                {
                    Exec = new V1ExecAction
                    {
                        Command =
                        [
                            ChildObjects.AgentBinDirectory + "/junction-agent", "wait",
                            "--health-port", ChildObjects.AgentHealthPort.ToString(CultureInfo.InvariantCulture),
                            "--timeout-seconds", StartWaitSeconds.ToString(CultureInfo.InvariantCulture),
                        ],
                    },
                },
            };
        }

        return container;
    }

    /// <summary>The volumes the containers mount: emptyDirs for identity, sockets, bundle and binary, the trust bundle, the token.</summary>
    public static IReadOnlyList<V1Volume> Volumes() =>
    [
        // The private key lives here: memory, never the node's disk.
        new V1Volume { Name = RunVolume, EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory" } },
        new V1Volume { Name = BundleVolume, EmptyDir = new V1EmptyDirVolumeSource() },
        new V1Volume { Name = BinVolume, EmptyDir = new V1EmptyDirVolumeSource() },
        new V1Volume { Name = TrustVolume, ConfigMap = new V1ConfigMapVolumeSource { Name = Reconciliation.MeshIdentityNames.TrustBundle } },
        new V1Volume
        {
            Name = TokenVolume,
            Projected = new V1ProjectedVolumeSource
            {
                Sources =
                [
                    new V1VolumeProjection
                    {
                        ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = ChildObjects.AgentTokenAudience, ExpirationSeconds = TokenSeconds, Path = "token" },
                    },
                ],
            },
        },
    ];

    private static V1EnvVar FieldEnv(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = path } } };

    // Every field set to what the API server would default, so the stored pod equals the patch.
    private static V1Probe ReadyProbe(int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/healthz/ready", Port = ChildObjects.AgentHealthPort, Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 1,
        SuccessThreshold = 1,
        FailureThreshold = failureThreshold,
    };

    private static V1SecurityContext ProxySecurity() => new()
    {
        RunAsUser = ProxyUid,
        RunAsGroup = ProxyUid,
        RunAsNonRoot = true,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    private static V1ResourceRequirements SmallResources() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("32Mi") },
        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("128Mi") },
    };
}

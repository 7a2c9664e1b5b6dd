using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>Where the init container puts junction-agent, on an emptyDir the proxy container mounts.</summary>
    public const string AgentBinDirectory = "/junction/bin";

    /// <summary>Where the operator image holds junction-agent.</summary>
    public const string AgentInImage = "/usr/local/bin/junction-agent";

    /// <summary>The init container that copies junction-agent from the operator image.</summary>
    public const string AgentInstallContainerName = "install-agent";

    /// <summary>The agent's readiness port: 200 on /healthz/ready once the first config runs in HAProxy.</summary>
    public const int AgentHealthPort = 15021;

    /// <summary>The trust bundle the agent verifies the operator's proxy API with.</summary>
    public const string OperatorCaFile = TrustDirectory + "/ca.pem";

    /// <summary>The projected ServiceAccount token the agent authenticates with.</summary>
    public const string AgentTokenFile = TokenDirectory + "/token";

    /// <summary>The audience of the agent's token, the only one the proxy API accepts.</summary>
    public const string AgentTokenAudience = "junction";

    private const string TrustDirectory = "/var/run/junction/trust";
    private const string TokenDirectory = "/var/run/secrets/junction";
    private const string AgentRunDirectory = "/var/run/junction";
    private const string BundleDirectory = "/etc/junction/proxy";
    private const string TrustBundleConfigMap = "junction-trust-bundle";

    // A token lives an hour; the kubelet refreshes the file well before it expires.
    private const long TokenSeconds = 3600;

    /// <summary>The agent's command line in the proxy container; the agent starts HAProxy itself.</summary>
    public static IReadOnlyList<string> AgentArguments(ProxyFragment f, AgentWiring agent)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(agent);
        return
        [
            "run",
            "--proxy", $"gateway/{f.Namespace}/{ChildNames.Proxy(f.PolicyName)}",
            "--operator", agent.OperatorUrl,
            "--operator-ca", OperatorCaFile,
            "--instance", "$(POD_NAME)",
            "--token-file", AgentTokenFile,
        ];
    }

    // Same pod as with rollout delivery, except what the agent needs: its binary, its token, the
    // trust bundle and writable directories for the bundle and identity. No config check init
    // container: the agent checks every bundle before it applies it, and NACKs one HAProxy refuses.
    private static V1PodSpec AgentPodSpec(ProxyFragment f, AgentWiring agent)
    {
        var spec = PodSpec(f);
        spec.ServiceAccountName = ChildNames.Proxy(f.PolicyName);
        spec.InitContainers = [AgentInstallContainer(f, agent)];
        spec.Containers = [AgentProxyContainer(f, agent)];
        spec.Volumes =
        [
            new V1Volume { Name = "run", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "agent-bin", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "bundle", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "agent-run", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume
            {
                Name = "trust",
                ConfigMap = new V1ConfigMapVolumeSource { Name = TrustBundleConfigMap },
            },
            new V1Volume
            {
                Name = "token",
                Projected = new V1ProjectedVolumeSource
                {
                    Sources =
                    [
                        new V1VolumeProjection
                        {
                            ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = AgentTokenAudience, ExpirationSeconds = TokenSeconds, Path = "token" },
                        },
                    ],
                },
            },
        ];
        return spec;
    }

    // The operator image is distroless (no cp): the operator binary copies the agent itself.
    private static V1Container AgentInstallContainer(ProxyFragment f, AgentWiring agent) => new()
    {
        Name = AgentInstallContainerName,
        Image = agent.Image,
        Command = ["/app/junction"],
        Args = ["install-agent", "--from", AgentInImage, "--to", AgentBinDirectory],
        Resources = Resources(f.Gateway.Resources),
        SecurityContext = ContainerSecurity(),
        VolumeMounts = [new V1VolumeMount { Name = "agent-bin", MountPath = AgentBinDirectory }],
    };

    private static V1Container AgentProxyContainer(ProxyFragment f, AgentWiring agent)
    {
        var container = ProxyContainer(f);
        container.Command = [AgentBinDirectory + "/junction-agent"];
        container.Args = [.. AgentArguments(f, agent)];
        container.Ports = [.. container.Ports, new V1ContainerPort { Name = "agent", ContainerPort = AgentHealthPort, Protocol = "TCP" }];
        container.Env =
        [
            new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.name" } } },
            new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.namespace" } } },
        ];
        // Ready only once the first config runs in HAProxy; until then the startup probe holds back
        // liveness, so a slow first fetch does not get the pod killed.
        container.StartupProbe = AgentProbe(periodSeconds: 2, failureThreshold: 60);
        container.ReadinessProbe = AgentProbe(periodSeconds: 5, failureThreshold: 2);
        container.VolumeMounts =
        [
            new V1VolumeMount { Name = "run", MountPath = RunDirectory },
            new V1VolumeMount { Name = "agent-bin", MountPath = AgentBinDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "bundle", MountPath = BundleDirectory },
            new V1VolumeMount { Name = "agent-run", MountPath = AgentRunDirectory },
            new V1VolumeMount { Name = "trust", MountPath = TrustDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "token", MountPath = TokenDirectory, ReadOnlyProperty = true },
        ];
        return container;
    }

    // Every field set to what the API server would default, so the stored object equals the desired one.
    private static V1Probe AgentProbe(int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/healthz/ready", Port = "agent", Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 1,
        SuccessThreshold = 1,
        FailureThreshold = failureThreshold,
    };
}

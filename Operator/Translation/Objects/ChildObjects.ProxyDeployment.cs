using Junction.Ir;
using k8s.Models;

namespace Junction.Translation.Objects;

internal static partial class ChildObjects
{
    /// <summary>Where the master CLI socket lives; on the writable emptyDir.</summary>
    public const string MasterSocket = "/tmp/haproxy-master.sock";

    /// <summary>
    /// The haproxy command line: master-worker (-W) in the foreground (-db) with a master CLI socket
    /// for zero-loss reloads.
    /// </summary>
    public static IReadOnlyList<string> ProxyArguments { get; } =
        ["-W", "-db", "-S", MasterSocket, "-f", ConfigDirectory + "/" + ConfigFileName];

    /// <summary>
    /// The gateway Deployment, named &lt;policy&gt;-proxy. The config hash on the pod template rolls
    /// the pods whenever the config changes.
    /// </summary>
    public static V1Deployment ProxyDeployment(ProxyFragment f, string configHash) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Meta(f, Translation.ChildNames.Proxy(f.PolicyName), ProxyLabels(f)),
        Spec = new V1DeploymentSpec
        {
            Replicas = f.Gateway.Replicas,
            Selector = new V1LabelSelector { MatchLabels = ProxySelector(f) },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = ProxyLabels(f),
                    Annotations = new Dictionary<string, string> { [ConfigHashAnnotation] = configHash },
                },
                Spec = PodSpec(f),
            },
        },
    };

    private static V1PodSpec PodSpec(ProxyFragment f) => new()
    {
        SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            // The haproxy image's own user; a numeric id lets the kubelet verify runAsNonRoot.
            RunAsUser = 99,
            RunAsGroup = 99,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        Containers = [ProxyContainer(f)],
        Volumes =
        [
            new V1Volume
            {
                Name = "config",
                ConfigMap = new V1ConfigMapVolumeSource { Name = Translation.ChildNames.Proxy(f.PolicyName) },
            },
            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
        ],
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
        ReadinessProbe = Probe(periodSeconds: 5, failureThreshold: 2),
        LivenessProbe = Probe(periodSeconds: 10, failureThreshold: 6),
        Resources = Resources(f.Gateway.Resources),
        SecurityContext = new V1SecurityContext
        {
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            RunAsNonRoot = true,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
        },
        VolumeMounts =
        [
            new V1VolumeMount { Name = "config", MountPath = ConfigDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
        ],
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

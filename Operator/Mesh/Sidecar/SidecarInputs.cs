using Junction.Api.V1Alpha1;
using k8s.Models;

namespace Junction.Mesh.Sidecar;

/// <summary>What a sidecar's translation reads: a snapshot of every namespace, never a client.</summary>
/// <param name="Policies">Every TrafficPolicy, valid ones only.</param>
/// <param name="Services">Every Service.</param>
/// <param name="Workloads">The pods that serve Services (from Deployments, StatefulSets and Pods).</param>
/// <param name="AssumeMissingServices">
/// When true, a referenced Service that is absent is assumed as <see cref="Translation.TranslationContext"/>
/// does (selector app: &lt;name&gt;), as the render verb does.
/// </param>
internal sealed record SidecarInputs(
    IReadOnlyList<TrafficPolicy> Policies,
    IReadOnlyList<V1Service> Services,
    IReadOnlyList<ServingWorkload> Workloads,
    bool AssumeMissingServices = false);

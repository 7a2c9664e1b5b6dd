using Junction.Distribution;
using Junction.Mesh.Sidecar;
using Junction.Objects;
using Junction.Runtime.Informers;
using Junction.Validation;
using k8s.Models;

namespace Junction.Hosting;

/// <summary>The proxy API's reads over the operator's informer caches (and its metadata-only Pod informer).</summary>
internal sealed class InformerDistributionView(OperatorInformers informers, Informer<V1Pod> pods, ValidationOptions validation) : IDistributionView
{
    /// <inheritdoc />
    public string? GatewayServiceAccount(string @namespace, string name)
    {
        var deployment = informers.Deployments.Cache.Get(@namespace, name);
        if (deployment?.Metadata.Labels is not { } labels
            || !labels.TryGetValue(ChildObjects.ManagedByLabel, out var manager) || manager != ChildObjects.ManagedByValue
            || !labels.TryGetValue(ChildObjects.NameLabel, out var component) || component != ChildObjects.ProxyNameValue)
        {
            return null;
        }

        return deployment.Spec?.Template?.Spec?.ServiceAccountName is { Length: > 0 } account ? account : "default";
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? PodLabels(string @namespace, string pod) =>
        pods.Cache.Get(@namespace, pod) is { } found
            ? new Dictionary<string, string>(found.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            : null;

    /// <inheritdoc />
    public SidecarInputs SidecarInputs() => new(
        informers.Policies.Cache.List().Where(p => p.Metadata.DeletionTimestamp is null && PolicyValidation.Validate(p, validation).IsValid).ToList(),
        informers.Services.Cache.List(),
        informers.Deployments.Cache.List().Select(d => ServingWorkload.From(d)).OfType<ServingWorkload>().ToList());
}

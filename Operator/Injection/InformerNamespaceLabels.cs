using Junction.Runtime.Informers;
using k8s.Models;

namespace Junction.Injection;

/// <summary>
/// Namespace labels from a metadata-only Namespace informer. An operator confined to one namespace
/// (no informer) knows only that one: any other is not enabled, as no proxy there would get a config.
/// </summary>
internal sealed class InformerNamespaceLabels(Informer<V1Namespace>? namespaces, string? watchNamespace) : INamespaceLabels
{
    /// <inheritdoc />
    public bool? InjectionEnabled(string ns)
    {
        if (namespaces is null)
        {
            return watchNamespace is null || ns == watchNamespace ? null : false;
        }

        return namespaces.Cache.Get(null, ns) is { } found
            ? found.Metadata?.Labels?.TryGetValue(InjectionNames.NamespaceLabel, out var value) == true && value == InjectionNames.Enabled
            : null;
    }
}

using Junction.Api.V1Alpha1;
using Junction.Mesh.Identity;
using Junction.Runtime.Controllers;
using Junction.Runtime.Events;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Reconciliation;

/// <summary>
/// Keeps the CA Secret and the per-namespace trust bundles where they belong. Two kinds of request:
/// <c>&lt;junction namespace&gt;/junction-ca</c> re-reads the CA Secret (and recreates it when it was deleted);
/// <c>&lt;ns&gt;/junction-trust-bundle</c> brings that namespace's bundle ConfigMap to its desired state:
/// present and equal to the CA's bundle when the namespace has a TrafficPolicy whose proxies run the
/// agent (Sidecar mode; Gateway mode too with <c>agentGateways</c>) or the injection label, absent otherwise. Level-based like <see cref="TrafficPolicyReconciler"/>: it reads
/// the caches and never asks what happened. A ConfigMap of that name that Junction did not create is
/// never written or deleted, only reported. With <paramref name="external"/> (cert-manager issues the
/// identities), the bundle is that source's and Junction's CA is neither created nor published.
/// </summary>
internal sealed class TrustBundleReconciler(
    ITrustBundleView view,
    IConfigMapWriter writer,
    CaBootstrap ca,
    IEventRecorder events,
    TimeSpan caResync,
    ILogger<TrustBundleReconciler> logger,
    ITrustBundleSource? external = null,
    bool agentGateways = false) : IReconciler
{
    /// <summary>The request that re-reads the CA Secret.</summary>
    public ReconcileRequest CaRequest => new(ca.Namespace, MeshIdentityNames.CaSecret);

    /// <summary>The request that reconciles the trust bundle of <paramref name="ns"/>.</summary>
    public static ReconcileRequest BundleRequest(string ns) => new(ns, MeshIdentityNames.TrustBundle);

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (request == CaRequest)
        {
            // Only a meshed namespace makes the first CA; this request loads it, or restores a deleted Secret.
            await ca.RefreshAsync(createIfAbsent: false, cancellationToken).ConfigureAwait(false);
            return caResync > TimeSpan.Zero ? ReconcileResult.After(caResync) : ReconcileResult.Done;
        }

        if (request.Name != MeshIdentityNames.TrustBundle || request.Namespace.Length == 0)
        {
            return ReconcileResult.Done;
        }

        var ns = request.Namespace;
        var existing = view.ConfigMap(ns, MeshIdentityNames.TrustBundle);
        var ours = existing is not null && IsOurs(existing);
        if (!Needed(ns))
        {
            if (ours && existing!.Metadata.DeletionTimestamp is null)
            {
                await writer.DeleteAsync(ns, MeshIdentityNames.TrustBundle, existing.Metadata.Uid, cancellationToken).ConfigureAwait(false);
                CaLog.Removed(logger, ns, MeshIdentityNames.TrustBundle);
            }

            return ReconcileResult.Done;
        }

        if (existing is not null && !ours)
        {
            CaLog.Foreign(logger, ns, MeshIdentityNames.TrustBundle);
            await events.EventAsync(
                existing,
                EventTypes.Warning,
                "TrustBundleConflict",
                $"Junction publishes its trust bundle as ConfigMap {ns}/{MeshIdentityNames.TrustBundle}, but this ConfigMap is not Junction's (no label {Ownership.ManagedByLabel}={Ownership.ManagedByValue}, {MeshIdentityNames.ComponentLabel}={MeshIdentityNames.TrustBundleComponent}); it is left alone, and sidecars of this namespace get no trust bundle until it is renamed or removed.",
                cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        string bundle;
        if (external is null)
        {
            await ca.GetAsync(cancellationToken).ConfigureAwait(false);
            bundle = ca.TrustBundlePem!;
        }
        else if (await external.GetTrustBundleAsync(cancellationToken).ConfigureAwait(false) is { } known)
        {
            bundle = known;
        }
        else
        {
            // Not known until cert-manager has issued once; its Changed event brings this request back.
            return ReconcileResult.Done;
        }


        if (existing is null)
        {
            await writer.CreateAsync(Desired(ns, bundle, resourceVersion: null), cancellationToken).ConfigureAwait(false);
            CaLog.Published(logger, ns, MeshIdentityNames.TrustBundle, "created");
        }
        else if (Value(existing.Data, MeshIdentityNames.TrustBundleKey) != bundle || existing.Data!.Count != 1)
        {
            // The resourceVersion makes a write over a newer edit fail (409) and retry from the cache.
            await writer.ReplaceAsync(Desired(ns, bundle, existing.Metadata.ResourceVersion), cancellationToken).ConfigureAwait(false);
            CaLog.Published(logger, ns, MeshIdentityNames.TrustBundle, "updated");
        }

        return ReconcileResult.Done;
    }

    /// <summary>Whether a ConfigMap carries the labels Junction gives its trust bundles.</summary>
    public static bool IsOurs(V1ConfigMap configMap) =>
        Value(configMap.Metadata.Labels, Ownership.ManagedByLabel) == Ownership.ManagedByValue
        && Value(configMap.Metadata.Labels, MeshIdentityNames.ComponentLabel) == MeshIdentityNames.TrustBundleComponent;

    private bool Needed(string ns) =>
        view.PoliciesIn(ns).Any(p => p.Metadata.DeletionTimestamp is null && RunsAgent(p.Spec?.Proxy?.Mode ?? ProxyModes.Gateway))
        || Value(view.Namespace(ns)?.Metadata.Labels, MeshIdentityNames.InjectLabel) == MeshIdentityNames.InjectEnabled;

    // Every agent verifies the operator's proxy API with the bundle: sidecars always, gateways in agent delivery.
    private bool RunsAgent(string mode) => mode == ProxyModes.Sidecar || (agentGateways && mode == ProxyModes.Gateway);

    private static string? Value(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static V1ConfigMap Desired(string ns, string bundle, string? resourceVersion) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = MeshIdentityNames.TrustBundle,
            NamespaceProperty = ns,
            ResourceVersion = resourceVersion,
            Labels = new Dictionary<string, string>
            {
                [Ownership.ManagedByLabel] = Ownership.ManagedByValue,
                [MeshIdentityNames.ComponentLabel] = MeshIdentityNames.TrustBundleComponent,
            },
        },
        Data = new Dictionary<string, string> { [MeshIdentityNames.TrustBundleKey] = bundle },
    };
}

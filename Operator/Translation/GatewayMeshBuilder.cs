using Junction.Ir;

namespace Junction.Translation;

/// <summary>
/// spec.mtls of a Gateway-mode policy, applied to the gateway's side towards its backends (its
/// listener takes north-south traffic, which is not mesh traffic): meshed backends are reached
/// over mTLS with the gateway's own identity, others in plaintext. Strict requires every backend
/// to be meshed (one that is not is a problem, and it is still reached over mTLS, so nothing goes
/// out in plaintext: it fails instead); Disabled reaches even meshed backends in plaintext.
/// </summary>
internal static class GatewayMeshBuilder
{
    /// <summary>The fragment's mesh settings; null when every backend is reached in plaintext.</summary>
    public static GatewayMesh? Build(ProxyFragment f, MeshNeighbourhood? mesh, List<string> notices, List<ReferenceProblem> problems)
    {
        if (f.Mode != ProxyMode.Gateway)
        {
            return null;
        }

        var mode = f.Security.MtlsMode ?? "Permissive";
        var meshed = mesh?.MeshedServices ?? new Dictionary<string, UpstreamIdentity>();
        var upstreams = new List<UpstreamIdentity>();
        foreach (var (service, fieldPath) in Backends(f))
        {
            var known = meshed.GetValueOrDefault(service);
            if (mode == "Disabled")
            {
                if (known is not null)
                {
                    notices.Add($"spec.mtls.mode Disabled: the gateway reaches meshed Service \"{service}\" ({fieldPath}) in plaintext, which its sidecars refuse when a policy selecting them asks for Strict");
                }

                continue;
            }

            if (known is null && mode == "Strict")
            {
                problems.Add(new ReferenceProblem(
                    ReferenceReason.BackendNotMeshed,
                    fieldPath,
                    $"{fieldPath}: Service \"{service}\" in namespace \"{f.Namespace}\" is not meshed (no Sidecar-mode TrafficPolicy targets or routes to it), but spec.mtls.mode Strict requires mTLS to every backend; the gateway does not fall back to plaintext, so its requests fail"));
            }

            if (known is not null || mode == "Strict")
            {
                if (known is { CommonName: null })
                {
                    notices.Add($"{fieldPath}: meshed Service \"{service}\" is served by no single known service account, so the gateway verifies its endpoints against the mesh CA only, not by service account");
                }

                upstreams.Add(known ?? new UpstreamIdentity(service, null));
            }
        }

        return upstreams.Count == 0 || mesh is null
            ? null
            : new GatewayMesh(mesh.Identity, upstreams.OrderBy(u => u.ServiceName, StringComparer.Ordinal).ToEquatableArray());
    }

    // Every Service the gateway sends to, with the first field that names it.
    private static IEnumerable<(string Service, string FieldPath)> Backends(ProxyFragment f)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in f.AllRoutes)
        {
            foreach (var backend in route.Backends)
            {
                if (seen.Add(backend.Target.ServiceName))
                {
                    yield return (backend.Target.ServiceName, backend.FieldPath);
                }
            }

            foreach (var mirror in route.Filters.OfType<MirrorRule>())
            {
                if (seen.Add(mirror.Target.ServiceName))
                {
                    yield return (mirror.Target.ServiceName, mirror.FieldPath);
                }
            }
        }
    }
}

using Junction.Api.V1Alpha1;
using k8s.Models;

namespace Junction.Validation.Rules;

/// <summary>spec.proxy: mode, replicas (from the attributes), image and resources.</summary>
internal sealed class ProxySpecValidator : JsonValidator<ProxySpec>
{
    public ProxySpecValidator()
    {
        Check(CheckImage);
        Check(CheckReplicas);
        Check(CheckResources);
        Check(CheckOpaquePorts);
    }

    private static void CheckOpaquePorts(ProxySpec proxy, Reporter<ProxySpec> report)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < (proxy.OpaquePorts?.Count ?? 0); i++)
        {
            var port = proxy.OpaquePorts![i];
            if (port is < 1 or > 65535)
            {
                report.Error($"opaquePorts[{i}]", $"{port} must be a port from 1 to 65535");
            }
            else if (port is 15001 or 15006 or 15020 or 15021)
            {
                report.Error($"opaquePorts[{i}]", $"{port} is a port of the sidecar itself (15001 outbound, 15006 inbound, 15020 health, 15021 agent)");
            }
            else if (!seen.Add(port))
            {
                report.Error($"opaquePorts[{i}]", $"{port} is listed twice");
            }
        }

        if (proxy.OpaquePorts is { Count: > 0 } && (proxy.Mode ?? ProxyModes.Gateway) != ProxyModes.Sidecar)
        {
            report.Warning("opaquePorts", "only sidecars sniff for HTTP; with mode " + (proxy.Mode ?? ProxyModes.Gateway) + " it changes nothing");
        }
    }

    private static void CheckImage(ProxySpec proxy, Reporter<ProxySpec> report)
    {
        if (proxy.Image is { } image && (image.Length == 0 || image.Any(char.IsWhiteSpace)))
        {
            report.Error("image", $"\"{image}\" must be a container image reference without whitespace, e.g. haproxy:3.0");
            return;
        }

        if (proxy.Image is { } named)
        {
            // The proxy runs next to the traffic it routes, so where its image may come from is the operator's call.
            var allowed = PolicyContext.Options(report.Context).AllowedProxyRegistries;
            var reference = ImageReference.Parse(named);
            if (!allowed.Any(reference.IsUnder))
            {
                report.Error("image", $"\"{named}\" ({reference.Repository}) is not from an allowed registry; allowed: {string.Join(", ", allowed)} (the operator's --allowed-proxy-registries)");
            }
        }
    }

    private static void CheckReplicas(ProxySpec proxy, Reporter<ProxySpec> report)
    {
        var mode = proxy.Mode ?? ProxyModes.Gateway;
        if (mode != ProxyModes.Gateway)
        {
            if (proxy.Replicas is not null)
            {
                report.Warning("replicas", $"is ignored with mode {mode}; only Gateway runs a proxy Deployment");
            }

            return;
        }

        if (proxy.Replicas == 0)
        {
            report.Warning("replicas", "0 replicas: no gateway proxy runs, so traffic through it fails");
        }
        else if (proxy.Replicas == 1)
        {
            report.Warning("replicas", "a single replica has no high availability: a restart or node drain drops traffic");
        }
    }

    private static void CheckResources(ProxySpec proxy, Reporter<ProxySpec> report)
    {
        var requests = proxy.Resources?.Requests;
        var limits = proxy.Resources?.Limits;
        if (requests is null || limits is null)
        {
            return;
        }

        foreach (var (name, request) in requests)
        {
            if (limits.TryGetValue(name, out var limit) && Value(request) is { } r && Value(limit) is { } l && r > l)
            {
                report.Error($"resources.requests.{name}", $"request {request} is more than the limit {limit}");
            }
        }
    }

    private static decimal? Value(ResourceQuantity quantity)
    {
        try
        {
            return quantity.ToDecimal();
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

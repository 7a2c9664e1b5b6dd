using FluentValidation;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.ingress: hosts, paths and TLS of the Ingress.</summary>
internal sealed class IngressSpecValidator : JsonValidator<IngressSpec>
{
    public IngressSpecValidator()
    {
        Each(i => i.Paths).SetValidator(new IngressPathValidator());
        Field(i => i.Tls).SetValidator(new IngressTlsValidator()!);
        Check(CheckClassName);
        Check(CheckHosts);
        Check(CheckProtocol);
    }

    private static void CheckClassName(IngressSpec ingress, Reporter<IngressSpec> report)
    {
        if (ingress.ClassName is { } name && !Syntax.IsDns1123Subdomain(name))
        {
            report.Error("className", $"\"{name}\" {Syntax.Dns1123SubdomainMessage}");
        }
    }

    private static void CheckHosts(IngressSpec ingress, Reporter<IngressSpec> report)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (ingress.Hosts?.Count ?? 0); i++)
        {
            var host = ingress.Hosts![i];
            if (host is null)
            {
                continue; // reported as a null item
            }

            if (Syntax.HostProblem(host, allowWildcard: true) is { } problem)
            {
                report.Error($"hosts[{i}]", problem);
            }
            else if (!seen.TryAdd(host, i))
            {
                report.Error($"hosts[{i}]", $"duplicate host \"{host}\" (also hosts[{seen[host]}])");
            }
        }
    }

    private static void CheckProtocol(IngressSpec ingress, Reporter<IngressSpec> report)
    {
        if (report.IsTcp)
        {
            report.Error("", "an Ingress carries HTTP only; it cannot expose protocol TCP (use a LoadBalancer Service)");
        }
        else if (report.Protocol == Protocols.Grpc)
        {
            if (ingress.Tls is null)
            {
                report.Warning("tls", "gRPC needs HTTP/2 end to end and most Ingress controllers speak HTTP/2 to clients only over TLS; add tls");
            }

            for (var i = 0; i < (ingress.Paths?.Count ?? 0); i++)
            {
                // gRPC request paths are /<package>.<Service>/<Method>.
                if (ingress.Paths![i]?.Path is { } path && path != "/" && !path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault("").Contains('.', StringComparison.Ordinal))
                {
                    report.Warning($"paths[{i}].path", $"gRPC calls have paths /<package>.<Service>/<Method>, so \"{path}\" never matches one; use / or a /<package>.<Service> prefix");
                }
            }
        }
    }
}

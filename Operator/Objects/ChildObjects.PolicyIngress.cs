using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>
    /// The Ingress, named after the policy: every host with every path, to the gateway proxy in
    /// Gateway mode and straight to the target otherwise; TLS from the Secret or a cert-manager issuer.
    /// </summary>
    public static V1Ingress PolicyIngress(ProxyFragment f)
    {
        var ingress = f.Ingress!;
        var meta = Meta(f, ChildNames.Ingress(f.PolicyName), CommonLabels(f));
        if (ingress.Issuer is { } issuer)
        {
            meta.Annotations = new Dictionary<string, string>
            {
                [issuer.ClusterScoped ? "cert-manager.io/cluster-issuer" : "cert-manager.io/issuer"] = issuer.Name,
            };
        }

        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = meta,
            Spec = new V1IngressSpec
            {
                IngressClassName = ingress.ClassName,
                Tls = ingress.TlsSecretName is { } secret
                    ? [new V1IngressTLS { Hosts = [.. ingress.Hosts], SecretName = secret }]
                    : null,
                Rules = ingress.Hosts.Select(host => Rule(host, ingress)).ToList(),
            },
        };
    }

    private static V1IngressRule Rule(string host, IngressExposure ingress) => new()
    {
        Host = host,
        Http = new V1HTTPIngressRuleValue
        {
            Paths = ingress.Paths.Select(p => new V1HTTPIngressPath
            {
                Path = p.Path,
                PathType = p.PathType,
                Backend = new V1IngressBackend
                {
                    Service = new V1IngressServiceBackend
                    {
                        Name = ingress.BackendService,
                        Port = new V1ServiceBackendPort { Number = ingress.BackendPort },
                    },
                },
            }).ToList(),
        },
    };
}

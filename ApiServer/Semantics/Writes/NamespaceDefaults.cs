using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>
/// What kube-controller-manager puts into every new namespace at once: the `default` ServiceAccount (its
/// serviceaccounts controller) and the `kube-root-ca.crt` ConfigMap (its root-ca-cert-publisher), so that
/// `kubectl get sa` and pods that mount the root CA see what they see in a real cluster.
/// </summary>
internal sealed class NamespaceDefaults(ResourceRegistry registry)
{
    public const string RootCaName = "kube-root-ca.crt";

    private const string RootCaDescription =
        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

    private static readonly WriteOptions Controller = WriteOptions.Default with { FieldManager = "kube-controller-manager" };

    private readonly Lazy<string> rootCa = new(CreateRootCa);

    /// <summary>Creates the namespace's defaults that do not exist yet through <paramref name="create"/>.</summary>
    public void Populate(string ns, ObjectStore store, Action<ResourceType, JsonObject, WriteOptions> create)
    {
        if (registry.FindByKey("serviceaccounts") is { } accounts && store.Get(accounts.Key, ns, "default") is null)
        {
            create(accounts, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
            }, Controller);
        }

        if (registry.FindByKey("configmaps") is { } maps && store.Get(maps.Key, ns, RootCaName) is null)
        {
            create(maps, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject
                {
                    ["name"] = RootCaName,
                    ["namespace"] = ns,
                    ["annotations"] = new JsonObject { ["kubernetes.io/description"] = RootCaDescription },
                },
                ["data"] = new JsonObject { ["ca.crt"] = rootCa.Value },
            }, Controller);
        }
    }

    // The server speaks plain HTTP, so nothing verifies against this CA; it exists so that the ConfigMap holds
    // a real certificate, as pods and tools that read ca.crt expect.
    private static string CreateRootCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return certificate.ExportCertificatePem() + "\n";
    }
}

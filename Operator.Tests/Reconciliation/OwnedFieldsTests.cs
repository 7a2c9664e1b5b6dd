using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Reconciliation;

public sealed class OwnedFieldsTests
{
    private static readonly TrafficPolicy Policy = new()
    {
        Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop", Uid = "uid-1", Generation = 3 },
    };

    [Fact]
    public void Prepare_AddsControllerReferenceAndAppliedHash()
    {
        var prepared = OwnedFields.Prepare(Service(8080), Policy);

        var owner = Assert.Single(prepared.Metadata.OwnerReferences);
        Assert.Equal(("TrafficPolicy", "checkout", "uid-1", true, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal("traffic.junction.dev/v1alpha1", owner.ApiVersion);
        Assert.Matches("^[0-9a-f]{16}$", prepared.Metadata.Annotations[OwnedFields.AppliedHashAnnotation]);
    }

    [Fact]
    public void Prepare_DifferentSpec_DifferentHash()
    {
        var a = OwnedFields.Prepare(Service(8080), Policy);
        var b = OwnedFields.Prepare(Service(9090), Policy);

        Assert.NotEqual(a.Metadata.Annotations[OwnedFields.AppliedHashAnnotation], b.Metadata.Annotations[OwnedFields.AppliedHashAnnotation]);
    }

    [Fact]
    public void Matches_ServerDefaultsAndForeignLabels_IsEqual()
    {
        var prepared = OwnedFields.Prepare(Service(8080), Policy);
        var observed = (V1Service)OwnedFields.Prepare(Service(8080), Policy);
        observed.Metadata.ResourceVersion = "17";
        observed.Metadata.Labels["team"] = "payments";
        observed.Spec.ClusterIP = "10.0.0.7";
        observed.Spec.Ports[0].Protocol = "TCP";
        observed.Spec.SessionAffinity = "None";

        Assert.True(OwnedFields.Matches(prepared, observed));
    }

    [Fact]
    public void Matches_JunctionLabelRemoved_Differs()
    {
        var prepared = OwnedFields.Prepare(Service(8080), Policy);
        var observed = (V1Service)OwnedFields.Prepare(Service(8080), Policy);
        observed.Metadata.Labels.Remove(Ownership.PolicyLabel);

        Assert.False(OwnedFields.Matches(prepared, observed));
    }

    [Fact]
    public void Matches_PortEditedByHand_Differs()
    {
        var prepared = OwnedFields.Prepare(Service(8080), Policy);
        var observed = (V1Service)OwnedFields.Prepare(Service(8080), Policy);
        observed.Spec.Ports[0].Port = 9999;

        Assert.False(OwnedFields.Matches(prepared, observed));
    }

    [Fact]
    public void Matches_FieldNoLongerDesired_DiffersThroughHash()
    {
        var withTls = Ingress(tls: true);
        var observed = OwnedFields.Prepare(withTls, Policy);
        var prepared = OwnedFields.Prepare(Ingress(tls: false), Policy);

        // Every value the new desired object sets is still present; only the hash tells TLS was dropped.
        Assert.False(OwnedFields.Matches(prepared, observed));
    }

    [Fact]
    public void Matches_ConfigMapDataChanged_Differs()
    {
        var prepared = OwnedFields.Prepare(ConfigMap("global\n"), Policy);
        var observed = (V1ConfigMap)OwnedFields.Prepare(ConfigMap("global\n"), Policy);
        observed.Data["haproxy.cfg"] = "edited\n";

        Assert.False(OwnedFields.Matches(prepared, observed));
    }

    [Fact]
    public void ForUpdate_Service_KeepsClusterIpAndResourceVersionAndReplacesSpec()
    {
        var observed = (V1Service)OwnedFields.Prepare(Service(8080), Policy);
        observed.Metadata.ResourceVersion = "17";
        observed.Metadata.Labels["team"] = "payments";
        observed.Spec.ClusterIP = "10.0.0.7";
        observed.Spec.ClusterIPs = ["10.0.0.7"];
        var prepared = OwnedFields.Prepare(Service(9090), Policy);

        var update = (V1Service)OwnedFields.ForUpdate(prepared, observed);

        Assert.Equal("17", update.Metadata.ResourceVersion);
        Assert.Equal("10.0.0.7", update.Spec.ClusterIP);
        Assert.Equal(9090, update.Spec.Ports[0].Port);
        Assert.Equal("payments", update.Metadata.Labels["team"]);
        Assert.True(OwnedFields.Matches(prepared, update));
    }

    [Fact]
    public void ForUpdate_IngressTlsNoLongerDesired_RemovesIt()
    {
        var observed = (V1Ingress)OwnedFields.Prepare(Ingress(tls: true), Policy);
        var prepared = OwnedFields.Prepare(Ingress(tls: false), Policy);

        var update = (V1Ingress)OwnedFields.ForUpdate(prepared, observed);

        Assert.Null(update.Spec.Tls);
    }

    internal static V1Service Service(int port) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = "checkout-proxy", NamespaceProperty = "shop", Labels = Labels() },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "checkout-proxy" },
            Ports = [new V1ServicePort { Name = "http", Port = port, TargetPort = port }],
        },
    };

    internal static V1Ingress Ingress(bool tls) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop", Labels = Labels() },
        Spec = new V1IngressSpec
        {
            IngressClassName = "nginx",
            Rules = [new V1IngressRule { Host = "shop.example.com" }],
            Tls = tls ? [new V1IngressTLS { Hosts = ["shop.example.com"], SecretName = "shop-tls" }] : null,
        },
    };

    internal static V1ConfigMap ConfigMap(string config) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "checkout-proxy", NamespaceProperty = "shop", Labels = Labels() },
        Data = new Dictionary<string, string> { ["haproxy.cfg"] = config },
    };

    private static Dictionary<string, string> Labels() => new()
    {
        [Ownership.ManagedByLabel] = Ownership.ManagedByValue,
        [Ownership.PolicyLabel] = "checkout",
    };
}

using Junction.Reconciliation;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Reconciliation;

public sealed class PodSelectionTests
{
    [Fact]
    public void Strip_FullPod_KeepsOnlyWhatStatusReads()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "checkout-0",
                NamespaceProperty = "shop",
                Labels = new Dictionary<string, string> { ["app"] = "checkout" },
                Annotations = new Dictionary<string, string> { ["big"] = new string('x', 1000) },
                ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubelet" }],
            },
            Spec = new V1PodSpec { ServiceAccountName = "checkout", Containers = [new V1Container { Name = "app", Image = "app:1" }] },
            Status = new V1PodStatus { Phase = "Running", PodIP = "10.0.0.7" },
        };

        var stripped = PodSelection.Strip(pod);

        Assert.Equal(("checkout-0", "shop", "checkout", "checkout", "Running"), (stripped.Metadata.Name, stripped.Metadata.NamespaceProperty, stripped.Metadata.Labels["app"], PodSelection.ServiceAccount(stripped), stripped.Status.Phase));
        Assert.Null(stripped.Metadata.Annotations);
        Assert.Null(stripped.Metadata.ManagedFields);
        Assert.Null(stripped.Spec.Containers);
        Assert.Null(stripped.Status.PodIP);
    }

    [Fact]
    public void Selects_EmptySelector_SelectsNothing()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "checkout" } } };

        Assert.False(PodSelection.Selects(new Dictionary<string, string>(), pod));
        Assert.True(PodSelection.Selects(new Dictionary<string, string> { ["app"] = "checkout" }, pod));
        Assert.False(PodSelection.Selects(new Dictionary<string, string> { ["app"] = "checkout", ["v"] = "2" }, pod));
    }

    [Fact]
    public void Enforces_DeletingOrFinishedPod_DoesNotCount()
    {
        Assert.True(PodSelection.Enforces(new V1Pod { Metadata = new V1ObjectMeta(), Status = new V1PodStatus { Phase = "Pending" } }));
        Assert.False(PodSelection.Enforces(new V1Pod { Metadata = new V1ObjectMeta { DeletionTimestamp = DateTime.UnixEpoch }, Status = new V1PodStatus { Phase = "Running" } }));
        Assert.False(PodSelection.Enforces(new V1Pod { Metadata = new V1ObjectMeta(), Status = new V1PodStatus { Phase = "Succeeded" } }));
    }

    [Fact]
    public void SameForStatus_ReadinessOnlyChange_IsTheSame()
    {
        V1Pod Pod(string rv, string phase, string app) => new()
        {
            Metadata = new V1ObjectMeta { ResourceVersion = rv, Labels = new Dictionary<string, string> { ["app"] = app } },
            Status = new V1PodStatus { Phase = phase },
        };

        Assert.True(PodSelection.SameForStatus(Pod("1", "Running", "a"), Pod("2", "Running", "a")));
        Assert.False(PodSelection.SameForStatus(Pod("1", "Pending", "a"), Pod("2", "Running", "a")));
        Assert.False(PodSelection.SameForStatus(Pod("1", "Running", "a"), Pod("2", "Running", "b")));
    }
}

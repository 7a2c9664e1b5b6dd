using Junction.Runtime.Informers;
using k8s.Models;
using Xunit;

namespace Junction.Runtime.Tests.Informers;

public sealed class CacheTransformsTests
{
    [Fact]
    public void StripManagedFields_OnlyAnnotationIsLastApplied_LeavesNoAnnotationsAndKeepsTheRest()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web",
                Labels = new Dictionary<string, string> { ["app"] = "web" },
                Annotations = new Dictionary<string, string> { [CacheTransforms.LastAppliedAnnotation] = "{}" },
                ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl" }],
                OwnerReferences = [new V1OwnerReference { Name = "p", Uid = "u", Kind = "TrafficPolicy", ApiVersion = "traffic.junction.dev/v1alpha1" }],
            },
            Spec = new V1ServiceSpec { ClusterIP = "10.0.0.1" },
        };

        var stripped = (V1Service)CacheTransforms.StripManagedFields(service);

        Assert.Null(stripped.Metadata.ManagedFields);
        Assert.Null(stripped.Metadata.Annotations);
        Assert.Equal("web", stripped.Metadata.Labels["app"]);
        Assert.Equal("u", Assert.Single(stripped.Metadata.OwnerReferences).Uid);
        Assert.Equal("10.0.0.1", stripped.Spec.ClusterIP);
    }

    [Fact]
    public void StripManagedFields_ReadOnlyAnnotations_ReplacesThemWithoutTheLastApplied()
    {
        var map = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = "cfg",
                Annotations = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string> { [CacheTransforms.LastAppliedAnnotation] = "{}", ["team"] = "payments" }),
            },
        };

        CacheTransforms.StripManagedFields(map);

        Assert.Equal("payments", Assert.Single(map.Metadata.Annotations).Value);
    }
}

using Junction.Api.V1Alpha1;
using Junction.Hosting;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Hosting;

public sealed class PolicyTriggersTests
{
    [Fact]
    public void NeedsReconcile_StatusOnlyWrite_IsSkipped()
    {
        Assert.False(PolicyTriggers.NeedsReconcile(Policy("1", 3), Policy("2", 3)));
    }

    [Fact]
    public void NeedsReconcile_SpecChange_Resync_OrDeletion_Reconciles()
    {
        Assert.True(PolicyTriggers.NeedsReconcile(Policy("1", 3), Policy("2", 4)));
        Assert.True(PolicyTriggers.NeedsReconcile(Policy("1", 3), Policy("1", 3)));
        var deleting = Policy("2", 3);
        deleting.Metadata.DeletionTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.True(PolicyTriggers.NeedsReconcile(Policy("1", 3), deleting));
    }

    private static TrafficPolicy Policy(string resourceVersion, long generation) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "u", ResourceVersion = resourceVersion, Generation = generation },
    };
}

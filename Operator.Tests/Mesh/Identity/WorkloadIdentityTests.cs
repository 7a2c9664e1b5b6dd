using Junction.Mesh.Identity;
using Xunit;

namespace Junction.Tests.Mesh.Identity;

public sealed class WorkloadIdentityTests
{
    [Fact]
    public void SpiffeId_KubernetesShape_NamesNamespaceAndServiceAccount()
    {
        var identity = new WorkloadIdentity("cluster.local", "shop", "frontend");

        Assert.Equal("spiffe://cluster.local/ns/shop/sa/frontend", identity.SpiffeId);
        Assert.Equal("frontend.shop", identity.CommonName);
        Assert.Equal(identity, WorkloadIdentity.FromSpiffeId(identity.SpiffeId));
    }

    [Fact]
    public void CommonName_LongerThan64_CutWithAHashAndStillDistinct()
    {
        var a = new WorkloadIdentity("cluster.local", new string('n', 63), new string('s', 40) + "a");
        var b = new WorkloadIdentity("cluster.local", new string('n', 63), new string('s', 40) + "b");

        Assert.Equal(WorkloadIdentity.MaxCommonNameLength, a.CommonName.Length);
        Assert.Equal(WorkloadIdentity.MaxCommonNameLength, b.CommonName.Length);
        Assert.NotEqual(a.CommonName, b.CommonName);
    }

    [Theory]
    [InlineData("https://cluster.local/ns/shop/sa/frontend")]
    [InlineData("spiffe://cluster.local/ns/shop")]
    [InlineData("spiffe://cluster.local/ns//sa/frontend")]
    [InlineData("spiffe://cluster.local/sa/frontend/ns/shop")]
    [InlineData("spiffe://cluster.local/ns/shop/sa/frontend/extra")]
    public void FromSpiffeId_NotTheKubernetesShape_ReturnsNull(string id)
    {
        Assert.Null(WorkloadIdentity.FromSpiffeId(id));
    }
}

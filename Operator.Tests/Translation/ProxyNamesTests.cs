using Junction.Ir;
using Junction.Translation;
using Xunit;

namespace Junction.Tests.Translation;

public sealed class ProxyNamesTests
{
    [Fact]
    public void Prefix_NamesThatJoinAlike_StayDistinct()
    {
        Assert.NotEqual(ProxyNames.Prefix("a-b", "c"), ProxyNames.Prefix("a", "b-c"));
    }

    [Fact]
    public void Prefix_LongNames_AreCutWithHashAndStayDistinct()
    {
        var ns = new string('n', 63);
        var first = ProxyNames.Prefix(ns, "policy-one-with-a-long-name");
        var second = ProxyNames.Prefix(ns, "policy-two-with-a-long-name");

        Assert.Equal(ProxyNames.MaxPrefixLength + 1, first.Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Prefix_CutPrefix_NeverEqualsAnUncutOne()
    {
        var uncut = ProxyNames.Prefix("ns", new string('p', ProxyNames.MaxPrefixLength - 3));
        var cut = ProxyNames.Prefix("ns", new string('p', ProxyNames.MaxPrefixLength - 2));

        Assert.Equal(ProxyNames.MaxPrefixLength, uncut.Length);
        Assert.NotEqual(uncut.Length, cut.Length);
    }

    [Fact]
    public void HeadlessService_BackendAndPolicyThatJoinAlike_GetDistinctNames()
    {
        Assert.NotEqual(ChildNames.HeadlessService("x-y", "z"), ChildNames.HeadlessService("x", "y-z"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("a.dotted.policy.name")]
    [InlineData("a-policy-name-that-is-longer-than-sixty-three-characters-for-sure-yes")]
    public void Proxy_AnyPolicyName_IsADnsLabel(string policy)
    {
        var name = ChildNames.Proxy(policy);

        Assert.Matches("^[a-z]([-a-z0-9]*[a-z0-9])?$", name);
        Assert.True(name.Length <= 63, name);
    }

    [Fact]
    public void Proxy_DottedAndDashedPolicyNames_GetDistinctNames()
    {
        Assert.NotEqual(ChildNames.Proxy("a.b"), ChildNames.Proxy("a-b"));
    }

    [Fact]
    public void LabelValue_LongName_IsCutToSixtyThreeWithHash()
    {
        var value = ProxyNames.LabelValue(new string('a', 100));

        Assert.Equal(63, value.Length);
        Assert.Matches("^a+-[0-9a-f]{8}$", value);
    }
}

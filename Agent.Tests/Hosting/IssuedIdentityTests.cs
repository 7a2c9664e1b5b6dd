using Junction.Agent.Identity;

namespace Junction.Agent.Tests.Hosting;

public sealed class IssuedIdentityTests
{
    [Fact]
    public void RenewAt_TwoThirdsIntoTheLifetime()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var identity = new IssuedIdentity("pem", "ca", start, start.AddHours(24));
        Assert.Equal(start.AddHours(16), identity.RenewAt);
    }

    [Fact]
    public void BackDatedLeaf_RenewAtCountsFromWhenItArrived()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var identity = new IssuedIdentity("pem", "ca", start, start.AddMinutes(5).AddSeconds(30)) { Received = start.AddMinutes(5) };
        Assert.Equal(start.AddMinutes(5).AddSeconds(20), identity.RenewAt);
    }
}

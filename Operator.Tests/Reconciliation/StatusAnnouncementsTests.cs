using Junction.Reconciliation;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>Which condition changes become Events: one Normal at Ready, one Warning per problem, none for progress.</summary>
public sealed class StatusAnnouncementsTests
{
    [Fact]
    public void Of_NewPolicyRollingOut_NoEvent()
    {
        var next = Conditions(("Accepted", "True", "Accepted"), ("ResolvedRefs", "True", "ResolvedRefs"), ("Programmed", "True", "Programmed"), ("Ready", "False", "ProxyNotReady"));

        Assert.Empty(StatusAnnouncements.Of([], next));
    }

    [Fact]
    public void Of_RolloutCompletes_OneNormalReady()
    {
        var before = Conditions(("Accepted", "True", "Accepted"), ("Programmed", "True", "Programmed"), ("Ready", "False", "AddressPending"));
        var next = Conditions(("Accepted", "True", "Accepted"), ("Programmed", "True", "Programmed"), ("Ready", "True", "Ready"));

        var announced = Assert.Single(StatusAnnouncements.Of(before, next));

        Assert.Equal(("Ready", "True", false), (announced.Type, announced.Status, announced.IsWarning));
    }

    [Fact]
    public void Of_AlreadyReady_NoEvent()
    {
        var ready = Conditions(("Accepted", "True", "Accepted"), ("Ready", "True", "Ready"));

        Assert.Empty(StatusAnnouncements.Of(ready, ready));
    }

    [Fact]
    public void Of_RolloutStalls_WarningAlthoughReadyWasAlreadyFalse()
    {
        var before = Conditions(("Programmed", "True", "Programmed"), ("Ready", "False", "ProxyNotReady"));
        var next = Conditions(("Programmed", "True", "Programmed"), ("Ready", "False", "ProxyFailing"));

        var announced = Assert.Single(StatusAnnouncements.Of(before, next));

        Assert.Equal(("Ready", "ProxyFailing", true), (announced.Type, announced.Reason, announced.IsWarning));
    }

    [Fact]
    public void Of_ProblemPersistsWithANewMessage_NoSecondWarning()
    {
        var before = Conditions(("Programmed", "False", "ApplyFailed"), ("Ready", "False", "NotProgrammed"));
        var next = Conditions(("Programmed", "False", "ApplyFailed"), ("Ready", "False", "NotProgrammed"));
        next[0].Message = "Deployment shop/checkout-proxy: 503 ServiceUnavailable";

        Assert.Empty(StatusAnnouncements.Of(before, next));
    }

    [Fact]
    public void Of_InvalidSpec_OneWarningFromAcceptedOnly()
    {
        var next = Conditions(("Accepted", "False", "Invalid"), ("ResolvedRefs", "Unknown", "Invalid"), ("Programmed", "False", "Invalid"), ("Ready", "False", "Invalid"));

        var announced = Assert.Single(StatusAnnouncements.Of([], next));

        Assert.Equal(("Accepted", "Invalid", true), (announced.Type, announced.Reason, announced.IsWarning));
    }

    [Fact]
    public void Of_ProblemOnlyReadyNames_WarningFromReady()
    {
        var next = Conditions(("Accepted", "True", "Accepted"), ("Programmed", "True", "Programmed"), ("Ready", "False", "NotEnforced"));

        var announced = Assert.Single(StatusAnnouncements.Of([], next));

        Assert.Equal(("Ready", "NotEnforced", true), (announced.Type, announced.Reason, announced.IsWarning));
    }

    [Fact]
    public void Of_RoutesLeftOut_WarningAlthoughAcceptedIsTrue()
    {
        var next = Conditions(("Accepted", "True", "PartiallyInvalid"), ("Ready", "False", "ProxyNotReady"));

        var announced = Assert.Single(StatusAnnouncements.Of([], next));

        Assert.Equal(("Accepted", "PartiallyInvalid", true), (announced.Type, announced.Reason, announced.IsWarning));
    }

    private static List<V1Condition> Conditions(params (string Type, string Status, string Reason)[] conditions) =>
        conditions.Select(c => new V1Condition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = $"{c.Type} {c.Reason}." }).ToList();
}

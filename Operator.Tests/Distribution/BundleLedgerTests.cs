using Junction.Distribution;
using Xunit;

namespace Junction.Tests.Distribution;

public sealed class BundleLedgerTests
{
    private static readonly ProxyKey Gateway = new(ProxyKind.Gateway, "shop", "checkout-proxy");
    private static readonly ProxyKey Other = new(ProxyKind.Gateway, "shop", "cart-proxy");
    private static readonly PolicyGeneration Checkout7 = new("shop", "checkout", 7);

    [Fact]
    public void Includes_RecordedHash_OnlyItsGenerations()
    {
        var ledger = new BundleLedger();

        ledger.Record(Gateway, "aaaaaaaaaaaaaaaa", [Checkout7]);

        Assert.True(ledger.Includes("aaaaaaaaaaaaaaaa", Checkout7));
        Assert.False(ledger.Includes("aaaaaaaaaaaaaaaa", Checkout7 with { Generation = 8 }));
        Assert.False(ledger.Includes("bbbbbbbbbbbbbbbb", Checkout7));
    }

    [Fact]
    public void Record_BeyondTheBound_ForgetsTheOldestHashOfThatProxyOnly()
    {
        var ledger = new BundleLedger(perProxy: 2);
        ledger.Record(Other, "0000000000000000", [Checkout7]);

        ledger.Record(Gateway, "1111111111111111", [Checkout7]);
        ledger.Record(Gateway, "2222222222222222", [Checkout7]);
        ledger.Record(Gateway, "1111111111111111", [Checkout7]);
        ledger.Record(Gateway, "3333333333333333", [Checkout7]);

        Assert.True(ledger.Includes("1111111111111111", Checkout7));
        Assert.False(ledger.Includes("2222222222222222", Checkout7));
        Assert.True(ledger.Includes("3333333333333333", Checkout7));
        Assert.True(ledger.Includes("0000000000000000", Checkout7));
        Assert.Equal(3, ledger.Count);
    }

    [Fact]
    public void Record_HashSharedByTwoProxies_KeptWhileEitherRemembersIt()
    {
        var ledger = new BundleLedger(perProxy: 1);
        ledger.Record(Gateway, "aaaaaaaaaaaaaaaa", [Checkout7]);
        ledger.Record(Other, "aaaaaaaaaaaaaaaa", [Checkout7]);

        ledger.Record(Gateway, "bbbbbbbbbbbbbbbb", [Checkout7]);

        Assert.True(ledger.Includes("aaaaaaaaaaaaaaaa", Checkout7));
        ledger.Record(Other, "cccccccccccccccc", [Checkout7]);
        Assert.False(ledger.Includes("aaaaaaaaaaaaaaaa", Checkout7));
    }
}

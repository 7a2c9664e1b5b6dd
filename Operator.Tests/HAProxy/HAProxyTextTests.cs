using Junction.HAProxy;
using Xunit;

namespace Junction.Tests.HAProxy;

public sealed class HAProxyTextTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a \"b\"", "\"a \\\"b\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("$HOME ${X}", "\"\\$HOME \\${X}\"")]
    [InlineData("# not a comment", "\"# not a comment\"")]
    [InlineData("line\nbreak\r\t", "\"line\\x0abreak\\x0d\\x09\"")]
    public void Quote_SpecialCharacters_AreEscapedInsideOneWord(string text, string expected)
    {
        Assert.Equal(expected, HAProxyText.Quote(text));
    }

    [Fact]
    public void LogFormatLiteral_PercentAndLineBreaks_CannotStartExpressionsOrHeaders()
    {
        Assert.Equal("100%% %%[src] x-a: 1", HAProxyText.LogFormatLiteral("100% %[src]\r\n x-a: 1"));
    }

    [Fact]
    public void RegexLiteral_Metacharacters_MatchThemselves()
    {
        var regex = new System.Text.RegularExpressions.Regex("^" + HAProxyText.RegexLiteral("/a.b+(c)[d]$") + "$");

        Assert.Matches(regex, "/a.b+(c)[d]$");
        Assert.DoesNotMatch(regex, "/aXb+(c)[d]$");
    }

    [Fact]
    public void FetchArgument_ParenthesisOrComma_IsDropped()
    {
        Assert.Equal("x-userevil", HAProxyText.FetchArgument("x-user),evil"));
    }

    [Fact]
    public void FetchArgument_QuoteOrBackslash_IsEscapedForTheArgumentParser()
    {
        Assert.Equal("x\\'y\\\"z\\\\w", HAProxyText.FetchArgument("x'y\"z\\w"));
        Assert.Equal("\"req.fhdr(x\\\\'y)\"", HAProxyText.Quote("req.fhdr(" + HAProxyText.FetchArgument("x'y") + ")"));
    }

    [Fact]
    public void BalanceHeaderName_Apostrophe_StaysLiteral()
    {
        Assert.Equal("x'y", HAProxyText.BalanceHeaderName("x'y"));
    }
}

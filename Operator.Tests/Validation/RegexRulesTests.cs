using Junction.Validation.Regexes;
using Xunit;

namespace Junction.Tests.Validation;

public sealed class RegexRulesTests
{
    [Theory]
    [InlineData("(a+)+", "(a+)+")]
    [InlineData("^(a*)*$", "(a*)*")]
    [InlineData("(a|a)*", "(a|a)*")]
    [InlineData("x(.*)*y", "(.*)*")]
    [InlineData("(?:a+)+b", "(?:a+)+")]
    [InlineData("^(\\w+\\s?)+$", "(\\w+\\s?)+")]
    [InlineData("(x+x+)+y", "(x+x+)+")]
    [InlineData("^([a-z]+[a-z0-9])+$", "([a-z]+[a-z0-9])+")]
    [InlineData("(a|ab)*c", "(a|ab)*")]
    [InlineData("((a+))+", "((a+))+")]
    [InlineData("(a?)+b", "(a?)+")]
    [InlineData("(a+){20}", "(a+){20}")]
    [InlineData("(\\d+|\\w+)*!", "(\\d+|\\w+)*")]
    [InlineData("^/api/(v[0-9]+/)?(.*/)*x$", "(.*/)*")]
    [InlineData("(?<word>[a-z]+[a-z]?)+", "(?<word>[a-z]+[a-z]?)+")]
    public void Problem_NestedAmbiguousQuantifier_ReportsFragment(string pattern, string fragment)
    {
        var problem = RegexRules.Problem(pattern);

        Assert.NotNull(problem);
        Assert.Contains("catastrophic backtracking", problem, StringComparison.Ordinal);
        Assert.Contains($"\"{fragment}\"", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^/api/v[0-9]+/users$")]
    [InlineData("^/(en|de|fr)/.*$")]
    [InlineData("(/[a-z]+)+")]
    [InlineData("^([a-z]+\\.)+com$")]
    [InlineData("(?>a+)+")]
    [InlineData("[a-z]*")]
    [InlineData("(ab)+")]
    [InlineData("a{2,5}b")]
    [InlineData("(a+){2}")]
    [InlineData("^(\\d{3})-(\\d{4})$")]
    [InlineData("\\(a+\\)+")]
    [InlineData("[(a+)+]")]
    [InlineData("^Bearer [A-Za-z0-9._~+/-]+=*$")]
    [InlineData("(?i)^mozilla/5\\.0 .*$")]
    [InlineData("^/static/[^/]+\\.(css|js|png)$")]
    [InlineData("(?=\\d)\\d+")]
    [InlineData("(a|b)*c")]
    [InlineData("\\p{L}+")]
    public void Problem_SafePattern_IsNull(string pattern)
    {
        Assert.Null(RegexRules.Problem(pattern));
    }

    [Theory]
    [InlineData("(", "invalid regular expression")]
    [InlineData("[a-", "invalid regular expression")]
    [InlineData("", "non-empty")]
    public void Problem_Unusable_SaysWhy(string pattern, string reason)
    {
        Assert.Contains(reason, RegexRules.Problem(pattern), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_LongerThan1024_IsRejected()
    {
        Assert.Null(RegexRules.Problem(new string('a', 1024)));
        Assert.Contains("at most 1024", RegexRules.Problem(new string('a', 1025)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a-z-[aeiou]]", "class subtraction")]
    [InlineData("\\p{IsGreek}", ".NET Unicode block")]
    [InlineData("caf\\u00e9", "\\u at offset 3")]
    [InlineData("(?<o>a)(?<c-o>b)", "balancing group")]
    [InlineData("(?<=ab+)c", "lookbehind")]
    [InlineData("(?<=a(b|cd))e", "lookbehind")]
    [InlineData("a{65536}", "65535")]
    [InlineData("(a)\\1", "numbered")]
    [InlineData("(?<1>a)", "numbered")]
    [InlineData("(?<n>a)(?<n>b)", "unique names")]
    [InlineData("(?(x)a|b)", "names no group")]
    [InlineData("a{,3}", "newer PCRE2")]
    [InlineData("[[:alpha:]]", "POSIX class")]
    [InlineData("\\v", "vertical")]
    [InlineData("caf\u00e9", "non-ASCII")]
    [InlineData("(abc){10000}", "too large once compiled")]
    public void Problem_DotNetOnlyOrDifferentInPcre2_SaysWhy(string pattern, string reason)
    {
        var problem = RegexRules.Problem(pattern);

        Assert.NotNull(problem);
        Assert.Contains("PCRE2", problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_NestingAtPcre2Limit_IsAcceptedAndOneDeeperIsNot()
    {
        Assert.Null(RegexRules.Problem(new string('(', 250) + "a" + new string(')', 250)));
        Assert.Contains("deeper than PCRE2's limit", RegexRules.Problem(new string('(', 251) + "a" + new string(')', 251)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(?i)^(a|A)+$", "(a|A)+")]
    [InlineData("(?i)(a[A-Z]*)+", "(a[A-Z]*)+")]
    [InlineData("(?x) ^ ( a + ) + $", "( a + ) +")]
    [InlineData("^(a+){10}$", "(a+){10}")]
    [InlineData("^(a+){3}$", "(a+){3}")]
    [InlineData("a*a*a*a*b", "a*a*a*a*")]
    [InlineData("^.*.*.*x", ".*.*.*")]
    [InlineData("x\\d+\\d*[0-9]+y", "\\d+\\d*[0-9]+")]
    public void Problem_InlineFlagsBoundedNestingOrPolynomialRun_ReportsFragment(string pattern, string fragment)
    {
        var problem = RegexRules.Problem(pattern);

        Assert.NotNull(problem);
        Assert.Contains("catastrophic backtracking", problem, StringComparison.Ordinal);
        Assert.Contains($"\"{fragment}\"", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(?<n>a)\\k<n>")]
    [InlineData("(?<=ab|cde)x")]
    [InlineData("(?<n>x)(?(n)a|b)")]
    [InlineData("a{65535}")]
    [InlineData("(?x) ^/api/ [a-z]+ $ # the api")]
    [InlineData("(?i)^(ab)+$")]
    [InlineData("a*b*c*")]
    [InlineData("^/api/.*/items/.*$")]
    [InlineData("\\d{1,3}\\d{1,3}\\d{1,3}")]
    [InlineData("\\xc3\\xa9")]
    public void Problem_Pcre2CompatibleSafePattern_IsNull(string pattern)
    {
        Assert.Null(RegexRules.Problem(pattern));
    }
}

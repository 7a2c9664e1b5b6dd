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
}

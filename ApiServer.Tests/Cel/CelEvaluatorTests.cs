using System.Text.Json.Nodes;
using Junction.ApiServer.Schema.Cel;
using Xunit;

namespace Junction.ApiServer.Tests.Cel;

/// <summary>The evaluator itself: CEL's operators, error absorption, macros and library functions.</summary>
public sealed class CelEvaluatorTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type":"object","properties":{
          "n":{"type":"integer"},"s":{"type":"string"},"empty":{"type":"object","properties":{"a":{"type":"string"}}},
          "list":{"type":"array","items":{"type":"integer"}},"none":{"type":"array","items":{"type":"string"}},
          "m":{"type":"object","additionalProperties":{"type":"string"}}}}
        """)!.AsObject();

    private static readonly JsonObject Self = JsonNode.Parse("""{"n":7,"s":"Hello, World","empty":{},"none":[],"list":[3,1,2],"m":{"k":"v"}}""")!.AsObject();

    [Theory]
    [InlineData("has(self.empty) && has(self.none)", true)]
    [InlineData("has(self.m.x) == false", true)]
    [InlineData("!has(self.empty.a)", true)]
    [InlineData("self.n + 1 == 8 && self.n * 2 == 14 && self.n / 2 == 3 && self.n % 4 == 3 && -self.n == -7", true)]
    [InlineData("self.n == 7.0 && self.n < 7.5 && 1u < 2", true)]
    [InlineData("self.s.startsWith('Hello') && self.s.endsWith('World') && self.s.contains(', ')", true)]
    [InlineData("self.s.matches('^H[a-z]+,') && !self.s.matches('^world')", true)]
    [InlineData("self.s.lowerAscii() == 'hello, world' && self.s.upperAscii() == 'HELLO, WORLD'", true)]
    [InlineData("self.s.split(', ') == ['Hello', 'World'] && ['a', 'b'].join('-') == 'a-b'", true)]
    [InlineData("self.s.indexOf('o') == 4 && self.s.lastIndexOf('o') == 8 && self.s.substring(7) == 'World'", true)]
    [InlineData("'  x '.trim() == 'x' && 'aaa'.replace('a', 'b', 2) == 'bba'", true)]
    [InlineData("size(self.s) == 12 && self.list.size() == 3 && size(self.m) == 1", true)]
    [InlineData("self.list.all(x, x > 0) && self.list.exists(x, x == 2) && self.list.exists_one(x, x > 2)", true)]
    [InlineData("self.list.map(x, x * 2) == [6, 2, 4] && self.list.filter(x, x > 1) == [3, 2] && self.list.map(x, x > 1, x + 1) == [4, 3]", true)]
    [InlineData("self.list.sum() == 6 && self.list.min() == 1 && self.list.max() == 3 && !self.list.isSorted() && [1, 2].isSorted()", true)]
    [InlineData("2 in self.list && !(5 in self.list) && 'k' in self.m && self.m['k'] == 'v' && self.m.k == 'v'", true)]
    [InlineData("self.m.all(k, k == 'k') && {'a': 1}['a'] == 1 && [1, [2]] == [1, [2]]", true)]
    [InlineData("self.n > 5 ? 'big' == 'big' : false", true)]
    [InlineData("int('12') == 12 && string(12) == '12' && double(1) == 1.0 && uint(3) == 3u && bool('true')", true)]
    [InlineData("isURL('https://example.com/a') && !isURL('not a url') && isURL('/path')", true)]
    [InlineData("self.m.missing == 1 || true", true)]
    [InlineData("false && self.m.missing == 1", false)]
    [InlineData("self.m.missing == 1 && false", false)]
    [InlineData("[1, 2].exists(x, x == 2 || 1 / 0 == 1)", true)]
    [InlineData("'abc' < 'abd' && b'a' == b'a' && \"dq\" == 'dq' && r'\\n' != '\\n' && '\\u00e9' == 'é'", true)]
    public void Evaluate_Expression_GivesCelResult(string expression, bool expected)
    {
        Assert.Equal(expected, Run(expression));
    }

    [Theory]
    [InlineData("self.m.missing == 1", "no such key: missing")]
    [InlineData("self.list[5] == 1", "index out of bounds: 5")]
    [InlineData("self.n / 0 == 1", "division by zero")]
    [InlineData("self.n % 0 == 1", "modulus by zero")]
    [InlineData("9223372036854775807 + self.n > 0", "integer overflow")]
    [InlineData("self.n + 's' == 's'", "no such overload")]
    [InlineData("true || false ? self.m.missing : true", "no such key: missing")]
    public void Evaluate_RuntimeError_IsAnErrorValue(string expression, string message)
    {
        var error = Assert.IsType<CelError>(Run(expression));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("self.n.nope", "ERROR: <input>:1:7: type 'int' does not support field selection\n | self.n.nope\n | ......^")]
    [InlineData("self.empty.b == ''", "ERROR: <input>:1:11: undefined field 'b'\n | self.empty.b == ''\n | ..........^")]
    [InlineData("(self.n", "ERROR: <input>:1:8: Syntax error: mismatched input <EOF> expecting ')'\n | (self.n\n | .......^")]
    [InlineData("has(self)", "ERROR: <input>:1:1: invalid argument to has() macro\n | has(self)\n | ^")]
    [InlineData("self.n == 'x", "ERROR: <input>:1:11: Syntax error: token recognition error at: ''x'\n | self.n == 'x\n | ..........^")]
    public void Compile_Invalid_RendersLikeCelGo(string expression, string rendered)
    {
        var e = Assert.Throws<CelCompileException>(() => CelParser.Compile(expression, Schema));
        Assert.Equal(rendered, e.Render(expression));
    }

    [Fact]
    public void Compile_OldSelf_MarksTransitionRule()
    {
        Assert.True(CelParser.Compile("self.n == oldSelf.n", Schema).UsesOldSelf);
        Assert.False(CelParser.Compile("self.n == 7", Schema).UsesOldSelf);
    }

    [Fact]
    public void Evaluate_OverCostLimit_Throws()
    {
        var program = CelParser.Compile("self.list.all(a, self.list.all(b, a + b > 0))", Schema);
        var self = CelValues.From(JsonNode.Parse("""{"list":[1,2,3,4,5,6,7,8,9,10]}"""), Schema);

        Assert.Throws<CelCostExceededException>(() => program.Evaluate(self, null, new CelContext(100)));
        Assert.Equal(true, program.Evaluate(self, null, new CelContext(10_000)));
    }

    private static object? Run(string expression) =>
        CelParser.Compile(expression, Schema).Evaluate(CelValues.From(Self, Schema), null, new CelContext(CelValidator.PerCallLimit));
}

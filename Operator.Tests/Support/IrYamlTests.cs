using Junction.Ir;
using Junction.Tests.Translation;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Junction.Tests.Support;

public sealed class IrYamlTests
{
    [Fact]
    public void Serialize_Fragment_WritesEveryConstructorFieldInDeclarationOrder()
    {
        var fragment = IrFragments.Gateway("shop", "checkout");

        var keys = Root(IrYaml.Serialize([fragment])).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();

        var declared = typeof(ProxyFragment).GetConstructors().Single(c => c.GetParameters().Length > 1).GetParameters()
            .Select(p => char.ToLowerInvariant(p.Name![0]) + p.Name[1..]);
        Assert.Equal(declared, keys);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("say \"hi\" to \\ $HOME # not a comment")]
    [InlineData("a\n    http-request deny\r\n\tx")]
    [InlineData("nul \u0000 del \u007f nel \u0085 ls \u2028")]
    [InlineData("- not a list: {nor a map}")]
    [InlineData("")]
    public void Serialize_AnyString_ReadsBackAsTheSameValue(string text)
    {
        var yaml = IrYaml.Serialize(new HeaderValue("x-test", text));

        var value = (YamlScalarNode)Root("---\n" + yaml).Children[new YamlScalarNode("value")];

        Assert.Equal(text, value.Value);
        Assert.Equal(2, yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Serialize_FilterOfADerivedType_IsTaggedWithItsType()
    {
        var route = IrFragments.Route("r", 0) with
        {
            Filters = new([new HeaderChange(HeaderDirection.Request, new(["x-a"]), EquatableArray<HeaderValue>.Empty, EquatableArray<HeaderValue>.Empty)]),
        };

        var yaml = IrYaml.Serialize(route);

        Assert.Contains("filters:\n  - !HeaderChange\n    direction: Request\n    remove:\n      - \"x-a\"\n    set: []\n", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1500, "1500ms")]
    [InlineData(5000, "5s")]
    [InlineData(90_000, "90s")]
    [InlineData(300_000, "5m")]
    [InlineData(7_200_000, "2h")]
    public void Serialize_Duration_IsWrittenInItsLargestWholeUnit(int milliseconds, string expected)
    {
        var yaml = IrYaml.Serialize(new ClientTimeouts(TimeSpan.FromMilliseconds(milliseconds), TimeSpan.FromTicks(15)));

        Assert.Equal($"request: {expected}\nidle: 00:00:00.0000015\n", yaml);
    }

    [Fact]
    public void Serialize_RecordStoringAFieldOutsideItsConstructor_Throws()
    {
        var e = Assert.Throws<NotSupportedException>(() => IrYaml.Serialize(new Extra(1) { Hidden = 2 }));

        Assert.Contains("Hidden", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_FieldOfAnUnknownType_Throws()
    {
        var e = Assert.Throws<NotSupportedException>(() => IrYaml.Serialize(new WithMap(new Dictionary<string, int> { ["a"] = 1 })));

        Assert.Contains("Dictionary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_EveryGoldenCase_IsYamlWithOneDocumentPerPolicy()
    {
        foreach (var (name, yaml, _) in TestPaths.AllCases())
        {
            var c = TranslationCase.FromFile(name, yaml);
            var stream = new YamlStream();
            stream.Load(new StringReader(c.Render().Ir));

            Assert.Equal(c.Policies().Count, stream.Documents.Count);
        }
    }

    private static YamlMappingNode Root(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private sealed record Extra(int Shown)
    {
        public int Hidden { get; init; }
    }

    private sealed record WithMap(Dictionary<string, int> Map);
}

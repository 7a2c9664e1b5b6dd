using Junction.HAProxy;
using Junction.Translation;
using Xunit;

namespace Junction.Tests.Translation;

public sealed class DeterminismTests
{
    public static TheoryData<string> Cases() => GoldenTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_SameInputTwice_GivesIdenticalBytesAndEqualIr(string name)
    {
        var c = Load(name);
        var first = c.Render();
        var second = c.Render();

        Assert.Equal(first, second);
        Assert.Equal(c.Translate().Select(r => r.Fragment), c.Translate().Select(r => r.Fragment));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_ServicesInOtherDictionaryOrder_GivesIdenticalBytes(string name)
    {
        var c = Load(name);

        Assert.Equal(c.Render(), c.Render(reverseOrder: true));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Status_SameCaseTwice_GivesIdenticalYaml(string name)
    {
        Assert.Equal(GoldenStatus.Yaml(Load(name)), GoldenStatus.Yaml(Load(name)));
    }

    [Fact]
    public void Write_FragmentsInAnyOrder_GivesIdenticalBytes()
    {
        var fragments = Load("two-policies").Translate().Select(r => r.Fragment).ToList();
        var options = PolicyTranslator.GlobalOptions(TranslatorOptions.Default);

        var forward = HAProxyConfigWriter.Write(fragments, options);
        fragments.Reverse();
        var backward = HAProxyConfigWriter.Write(fragments, options);

        Assert.Equal(forward, backward);
    }

    private static TranslationCase Load(string name)
    {
        var (_, yaml, _) = TestPaths.AllCases().Single(c => c.Name == name);
        return TranslationCase.FromFile(name, yaml);
    }
}

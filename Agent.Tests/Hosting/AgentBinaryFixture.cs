using Junction.Agent.Tests.Fakes;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Junction.Agent.Tests.Hosting;

/// <summary>Says once, in the test output, which agent the tests run: the published NativeAOT binary or the JIT build.</summary>
public sealed class AgentBinaryFixture
{
    public AgentBinaryFixture(IMessageSink sink)
    {
        sink.OnMessage(new DiagnosticMessage("Agent.Tests run the " + AgentBinary.Locate().Description));
    }
}

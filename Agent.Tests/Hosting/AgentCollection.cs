namespace Junction.Agent.Tests.Hosting;

/// <summary>The tests with a real HAProxy run one at a time (the machine is shared, and reload timing matters).</summary>
[CollectionDefinition(Name)]
public sealed class AgentCollection : ICollectionFixture<AgentBinaryFixture>
{
    public const string Name = "agent with haproxy";
}

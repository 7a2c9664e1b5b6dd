using System.Net;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>One SRV answer: an endpoint's host name (with its A record) and its real port.</summary>
internal sealed record SrvTarget(string Host, IPAddress Address, int Port);

namespace Junction.Ir;

/// <summary>
/// A Service port as the proxy reaches it: through the policy-owned headless twin of the
/// Service, whose DNS name returns pod addresses (a ClusterIP name returns one virtual IP).
/// </summary>
/// <param name="ServiceName">The referenced Service.</param>
/// <param name="Port">The referenced Service port.</param>
/// <param name="HeadlessServiceName">Name of the headless twin.</param>
/// <param name="Discovery">The DNS query that lists the endpoints.</param>
/// <param name="Resolved">False when the Service or port does not exist; the proxy then answers 503 for it.</param>
internal sealed record BackendTarget(
    string ServiceName,
    int Port,
    string HeadlessServiceName,
    EndpointDiscovery Discovery,
    bool Resolved);

namespace Junction.Objects;

/// <summary>How an agent-mode gateway pod gets junction-agent and reaches the operator.</summary>
/// <param name="Image">The operator's image, whose <c>/usr/local/bin/junction-agent</c> the init container copies.</param>
/// <param name="OperatorUrl">The operator's proxy API, e.g. <c>https://junction-proxy-api.junction-system.svc:15012</c>.</param>
internal sealed record AgentWiring(string Image, string OperatorUrl);

namespace Junction.Injection;

/// <summary>The pod is refused: it asks for something injection cannot honour, and admitting it without a sidecar would hide that.</summary>
/// <param name="Message">What is wrong, as kubectl shows it.</param>
internal sealed record InjectionRefused(string Message) : InjectionOutcome;

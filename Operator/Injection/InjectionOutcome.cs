namespace Junction.Injection;

/// <summary>What the webhook answers for one pod: a patch, nothing (admitted as it is), or a refusal.</summary>
internal abstract record InjectionOutcome;

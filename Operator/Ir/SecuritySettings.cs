namespace Junction.Ir;

/// <summary>
/// mTLS and authorization as the policy states them. Carried in the IR so status can report
/// them, but not enforced by the generated configuration yet.
/// </summary>
/// <param name="MtlsMode">Strict, Permissive or Disabled; null when unset.</param>
/// <param name="AuthorizationDefaultAction">Allow or Deny; null when no authorization is set.</param>
/// <param name="AuthorizationRules">Rules as written, one line each (from -> to).</param>
internal sealed record SecuritySettings(string? MtlsMode, string? AuthorizationDefaultAction, EquatableArray<string> AuthorizationRules);

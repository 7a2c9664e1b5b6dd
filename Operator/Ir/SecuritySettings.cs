namespace Junction.Ir;

/// <summary>
/// mTLS and authorization as the policy states them. A gateway enforces <paramref name="Access"/>
/// for rules that name no callers; mTLS to its backends is decided by the translation (<see cref="GatewayMesh"/>).
/// </summary>
/// <param name="MtlsMode">Strict, Permissive or Disabled; null when unset.</param>
/// <param name="AuthorizationDefaultAction">Allow or Deny; null when no authorization is set.</param>
/// <param name="AuthorizationRules">Rules as written, one line each (from -> to).</param>
/// <param name="Access">The authorization rules in enforceable form; null when no authorization is set.</param>
internal sealed record SecuritySettings(string? MtlsMode, string? AuthorizationDefaultAction, EquatableArray<string> AuthorizationRules, AccessPolicy? Access);

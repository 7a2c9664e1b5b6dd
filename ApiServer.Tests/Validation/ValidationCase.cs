namespace Junction.ApiServer.Tests.Validation;

/// <summary>One object to write: a valid base object of <paramref name="Kind"/> with a JSON merge patch applied.</summary>
public sealed record ValidationCase(string Kind, string Patch, string Message = "", string Field = "", string Reason = "")
{
    public override string ToString() => $"{Kind} {Patch[..Math.Min(Patch.Length, 120)]}";
}

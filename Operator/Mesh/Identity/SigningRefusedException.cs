namespace Junction.Mesh.Identity;

/// <summary>A certificate request the CA will not sign; the message says why, naming the field at fault.</summary>
internal sealed class SigningRefusedException : Exception
{
    /// <summary>Creates the exception with its reason.</summary>
    public SigningRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public SigningRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a reason (serialisation and analyzers ask for it).</summary>
    public SigningRefusedException()
    {
    }
}

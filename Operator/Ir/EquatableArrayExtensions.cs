using System.Collections.Immutable;

namespace Junction.Ir;

/// <summary>Builds <see cref="EquatableArray{T}"/> from sequences.</summary>
internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new([.. items]);
}

namespace Fip.Web.Features.Registries.Import;

/// <summary>
/// The natural keys of a file's rows met so far, each with the row it was first on: what finds a key twice in one file.
/// Exact, and small enough for a million rows: a key of up to 21 ASCII letters, digits and hyphens (a 统一社会信用代码 has 18)
/// is held as a 128-bit number, six bits a character, none of them zero, so two keys never share a number (about 36 bytes
/// a key, against about 90 as a string in a dictionary); any other key is held as its string. Given the file's row count, the
/// table the keys go to is made that large at its first key: growing one of a million keys doubles it, the old table and the new
/// held at once (about 110 MB where 36 are needed), which an import's limited heap cannot always spare.
/// </summary>
public sealed class SeenKeys(int expected = 0)
{
    private readonly Dictionary<UInt128, int> packed = [];
    private readonly Dictionary<string, int> others = new(StringComparer.Ordinal);

    public int Count => packed.Count + others.Count;

    /// <summary>How many keys each table holds without growing (packed, others).</summary>
    internal (int Packed, int Others) Capacity => (packed.Capacity, others.Capacity);

    /// <summary>Notes <paramref name="key"/> on <paramref name="row"/>; false, with the row it was first on, if it was met
    /// before.</summary>
    public bool TryAdd(string key, int row, out int firstRow)
    {
        if (Pack(key) is { } number)
        {
            if (packed.Count == 0) packed.EnsureCapacity(expected);
            if (packed.TryGetValue(number, out firstRow)) return false;
            packed[number] = row;
            return true;
        }
        if (others.Count == 0) others.EnsureCapacity(expected);
        if (others.TryGetValue(key, out firstRow)) return false;
        others[key] = row;
        return true;
    }

    /// <summary>The key as a number, or null when it does not fit (too long, or another character).</summary>
    internal static UInt128? Pack(string key)
    {
        if (key.Length > 21) return null;
        UInt128 number = 0;
        foreach (var c in key)
        {
            var code = c switch
            {
                >= '0' and <= '9' => c - '0' + 1,
                >= 'A' and <= 'Z' => c - 'A' + 11,
                >= 'a' and <= 'z' => c - 'a' + 37,
                '-' => 63,
                _ => 0,
            };
            if (code == 0) return null;
            number = (number << 6) | (uint)code;
        }
        return number;
    }
}

namespace Fip.Policy.Text;

/// <summary>
/// Whether a name is, starts with, ends with or holds one of a list's words (ordinal). Loops, not LINQ with a lambda over the
/// name: the name checks run on every proposal of the learned reader, and a closure for each call was much of its allocation.
/// </summary>
internal static class WordLists
{
    public static bool IsOneOf(string name, IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
            if (string.Equals(words[i], name, StringComparison.Ordinal)) return true;
        return false;
    }

    public static bool StartsWithAny(string name, IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
            if (name.StartsWith(words[i], StringComparison.Ordinal)) return true;
        return false;
    }

    public static bool EndsWithAny(string name, IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
            if (name.EndsWith(words[i], StringComparison.Ordinal)) return true;
        return false;
    }

    public static bool ContainsAny(string name, IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
            if (name.Contains(words[i], StringComparison.Ordinal)) return true;
        return false;
    }
}

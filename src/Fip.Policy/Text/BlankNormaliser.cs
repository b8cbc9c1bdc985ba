namespace Fip.Policy.Text;

/// <summary>
/// Blanks a PDF or a wrapped page put inside a sentence (<c>到 2027 年</c>, <c>達 1000 家 以上</c>, <c>不少於 3 個智能機 器人</c>):
/// Chinese prose writes no space between a figure and the characters around it, so a blank between a digit and an ideograph
/// is an artefact of extraction, and so is every blank between ideographs or digits of a clause that holds one. A clause with
/// no such blank keeps its blanks (<c>…办公室 关于印发…</c>, <c>第一章 总则</c>, <c>5G 基站</c>): there they separate an issuer, a
/// heading mark or a Latin word.
/// </summary>
internal static class BlankNormaliser
{
    private static bool IsBlank(char c) => c is ' ' or '\u3000' or '\u00a0' or '\t';

    private static bool IsIdeograph(char c) => ParseContext.IsCjk(c);

    private static bool IsWord(char c) => IsIdeograph(c) || char.IsAsciiDigit(c);

    /// <summary>The text without the blanks extraction put inside clauses; the same instance when there are none.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<(int Start, int End)>? drop = null;
        var clauseStart = 0;
        var spaced = false;
        var pending = new List<(int Start, int End)>();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (c == '\n' || ParseContext.ClauseSeparators.Contains(c, StringComparison.Ordinal))
            {
                if (spaced) (drop ??= []).AddRange(pending);
                pending.Clear();
                spaced = false;
                clauseStart = i + 1;
                continue;
            }
            if (!IsBlank(c) || i == clauseStart) continue;
            var end = i;
            while (end < text.Length && IsBlank(text[end])) end++;
            if (end < text.Length && i > 0 && !IsBlank(text[i - 1]))
            {
                var before = text[i - 1];
                var after = text[end];
                if (IsWord(before) && IsWord(after))
                {
                    pending.Add((i, end));
                    if (char.IsAsciiDigit(before) != char.IsAsciiDigit(after)) spaced = true;
                }
            }
            i = end - 1;
        }
        if (drop is null) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        var from = 0;
        foreach (var (s, e) in drop)
        {
            sb.Append(text, from, s - from);
            from = e;
        }
        sb.Append(text, from, text.Length - from);
        return sb.ToString();
    }
}

namespace Fip.Policy.Text;

/// <summary>
/// The track phase's mechanisms from held-out-8 (branch <c>parser10</c>): names that are no industry by their place in the
/// text, whatever their words. A name that runs on into the type of a statutory zone is part of the zone's name; a name ending in
/// the head of an area's name is a place; an item of a parallel slogan that a quoted numeral abbreviation sums up is a slogan.
/// </summary>
internal sealed partial class TrackReader
{
    private const string ChineseDigits = "一二两三四五六七八九十";

    /// <summary>Whether the name read at <paramref name="start"/> is no industry by where it stands (see the class summary).</summary>
    private bool NotAnIndustryHere(string name, int start)
    {
        // 东湖科学城, 沿江产业带, 数字经济产业园: the head of an area's name makes the phrase a place.
        if (_v.AreaNameHeads.Concat(_v.NamedAreaHeads).Any(h => name.Length > h.Length && name.EndsWith(h, StringComparison.Ordinal)))
            return true;
        if (start < 0 || start + name.Length > text.Length || !text.AsSpan(start, name.Length).SequenceEqual(name)) return false;
        var end = start + name.Length;
        // 国家高新技术产业|开发区: the type of a statutory zone, which the phrase only qualifies.
        if (_v.ZoneTypeHeads.Any(h => text.AsSpan(end).StartsWith(h, StringComparison.Ordinal))) return true;
        return InAbbreviatedSlogan(start, end);
    }

    /// <summary>
    /// 围绕新基建、新动能、新优势“三新”, 聚焦强企业、强行业、强区域“三强”: a 、-list directly followed by a quoted abbreviation of
    /// a Chinese numeral and a character every item holds is a parallel slogan (数字缩略语), and its items are no industries.
    /// </summary>
    private bool InAbbreviatedSlogan(int start, int end)
    {
        const int reach = 60;
        var from = start;
        while (from > 0 && start - from < reach && (ParseContext.IsCjk(text[from - 1]) || text[from - 1] == '、')) from--;
        var to = end;
        while (to < text.Length && to - end < reach && (ParseContext.IsCjk(text[to]) || text[to] == '、')) to++;
        if (to >= text.Length || text[to] is not ('“' or '"')) return false;
        var close = text.IndexOfAny(['”', '"'], to + 1);
        if (close < 0 || close - to > 6) return false;
        var abbreviation = text.AsSpan(to + 1, close - to - 1);
        var digits = 0;
        while (digits < abbreviation.Length && ChineseDigits.Contains(abbreviation[digits], StringComparison.Ordinal)) digits++;
        if (digits == 0 || abbreviation.Length - digits != 1) return false;
        var shared = abbreviation[digits];
        var items = text[from..to].Split('、', StringSplitOptions.RemoveEmptyEntries);
        // The list must run to the mark: items after the name and before it are the slogan's.
        return items.Length >= 2 && items.All(i => i.Contains(shared, StringComparison.Ordinal));
    }
}

namespace Fip.Policy.Text;

/// <summary>
/// The place phase's mechanism from held-out-11 (branch <c>parser13</c>): the places a layout formula's elements lie on. A plan that
/// states its layout as a formula (<c>构建“一带一廊三圈”总体发展格局</c>) builds each element in the clauses that follow
/// (<c>打造符离大道生态旅游带和新汴河全域旅游走廊</c>, <c>打造埇桥城市休闲旅游圈</c>), and names each after the place it lies on:
/// a division (full or short), a road, river or hill, or two neighbouring counties by their first characters (萧砀).
/// </summary>
internal sealed partial class PlaceReader
{
    /// <summary>A layout formula: two or more numbered elements (一带一廊三圈, 一核两翼, 一主两重两轴四片多点).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("(?:[一二两三四五六七八九十多][核心带极轴廊翼圈群区片园点主重]){2,}")]
    private static partial System.Text.RegularExpressions.Regex LayoutFormula();

    /// <summary>The verbs that build a layout element (打造…带).</summary>
    private static readonly string[] ElementVerbs = ["打造", "建设", "构建", "培育"];

    /// <summary>
    /// In the paragraph that states a layout formula, each element built after it whose head is one of the formula's heads (带,
    /// 廊, 圈…) names the place it lies on at its start.
    /// </summary>
    private void LayoutFormulaPlaces()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (System.Text.RegularExpressions.Match formula in LayoutFormula().Matches(text, _c.BodyStart))
        {
            if (formula.Index >= end) break;
            var heads = new HashSet<char>();
            for (var i = 1; i < formula.Length; i += 2) heads.Add(formula.Value[i]);
            var paragraphEnd = text.IndexOf('\n', formula.Index);
            if (paragraphEnd < 0 || paragraphEnd > end) paragraphEnd = end;
            foreach (var verb in ElementVerbs)
                for (var at = text.IndexOf(verb, formula.Index + formula.Length, StringComparison.Ordinal); at >= 0 && at < paragraphEnd;
                     at = text.IndexOf(verb, at + verb.Length, StringComparison.Ordinal))
                {
                    var s = at + verb.Length;
                    var e = s;
                    while (e < paragraphEnd && ParseContext.IsCjk(text[e]) && e - s <= 30) e++;
                    // 符离大道生态旅游带和新汴河全域旅游走廊: two elements 和 joins.
                    var pos = s;
                    foreach (var part in _c.Sub(s, e).Split('和'))
                    {
                        var element = ElementEnd(part, heads);
                        if (element >= 4 && ElementPlace(part[..element]) is { } name)
                            AddPlace(new FocusPlace(name, _v.CanonicalPlace(name), _c.Span(pos, name.Length)));
                        pos += part.Length + 1;
                    }
                }
        }
    }

    /// <summary>
    /// Where an element of one of the formula's heads ends in <paramref name="part"/> (its last character, 走廊 for 廊); 0 if none.
    /// </summary>
    private static int ElementEnd(string part, HashSet<char> heads)
    {
        for (var i = Math.Min(part.Length, 16) - 1; i >= 3; i--)
            if (heads.Contains(part[i])) return i + 1;
        return 0;
    }

    /// <summary>
    /// The place an element's name opens with: a division's name or short form (埇桥), a road, river or hill named with two
    /// characters or more before its feature head (符离大道, 新汴河), or two counties of one prefecture by their first characters
    /// (萧砀); null when none, or when nothing is left after it to qualify the element.
    /// </summary>
    private string? ElementPlace(string element)
    {
        var rest = element.Length - 2;
        if (_v.Gazetteer.PrefixOf(element) is { } division && division.Length <= rest) return division;
        for (var len = 3; len <= Math.Min(6, rest); len++)
        {
            var name = element[..len];
            if (_v.GeographicFeatureHeads.FirstOrDefault(h => name.EndsWith(h, StringComparison.Ordinal)) is { } feature
                && name.Length - feature.Length >= 2 && !_v.LayoutWords.Any(w => name.StartsWith(w, StringComparison.Ordinal)))
                return name;
        }
        // 萧砀 in a document of 宿州: the pair's prefecture must be one the text names (沿江 pairs two counties of 铜仁, named nowhere).
        return rest >= 2 && _v.Gazetteer.JointShortFormPrefectures(element[..2]).Any(NamedInText) ? element[..2] : null;
    }

    /// <summary>Whether the text names a prefecture, in full or short (宿州市, 宿州).</summary>
    private bool NamedInText(string prefecture)
    {
        if (text.Contains(prefecture, StringComparison.Ordinal)) return true;
        return _v.Gazetteer.ShortFormOf(prefecture) is { } shortForm && text.Contains(shortForm, StringComparison.Ordinal);
    }
}

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
        if (EndsInAreaHead(name, _v.AreaNameHeads) || EndsInAreaHead(name, _v.NamedAreaHeads)) return true;
        if (start < 0 || start + name.Length > text.Length || !text.AsSpan(start, name.Length).SequenceEqual(name)) return false;
        var end = start + name.Length;
        // 国家高新技术产业|开发区: the type of a statutory zone, which the phrase only qualifies.
        for (var i = 0; i < _v.ZoneTypeHeads.Count; i++)
            if (text.AsSpan(end).StartsWith(_v.ZoneTypeHeads[i], StringComparison.Ordinal)) return true;
        return InAbbreviatedSlogan(start, end);
    }

    private static bool EndsInAreaHead(string name, IReadOnlyList<string> heads)
    {
        for (var i = 0; i < heads.Count; i++)
            if (name.Length > heads[i].Length && name.EndsWith(heads[i], StringComparison.Ordinal)) return true;
        return false;
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

    /// <summary>
    /// 量子科技、空天信息、通用智能、低碳能源等领域率先实现引领性成长: a clause that opens with a 、-list of short noun phrases
    /// closed by 等 and a direction class word (领域, 产业, 方向, 赛道) names directions by the list's shape, with no verb of the
    /// grammar before it, where the sentence states a goal (a goal year, or under a goal heading): a goal says which directions
    /// are to grow, while a review of the past lists the fields a subject has merged with (A、B等领域融合发展亮点突出). A list of
    /// scenarios or of the fields an application serves (交通、医疗等领域应用场景), of bare fields of action (科技、产业、民生等领域), of
    /// facilities (中心) or one that a verb or a preposition opens (在交通、医疗等领域) names none.
    /// </summary>
    private void SubjectLists(int start, int end)
    {
        if (end <= start || text.AsSpan(start, end - start).IndexOf('等') < 0 || !InGoalParagraph(start, end - start)) return;
        foreach (var (rs, rl) in PolicyParser.SplitTopLevel(text, start, end, "，,；;：:"))
        {
            var (cs, cl) = PolicyParser.Trim(text, rs, rl);
            if (cl < 6 || text.AsSpan(cs, cl).IndexOf('、') < 0) continue;
            var clause = text.Substring(cs, cl);
            var deng = LastTopLevel(clause, '等');
            if (deng < 2 || clause.IndexOf('、', StringComparison.Ordinal) > deng) continue;
            var after = SkipCount(clause[(deng + 1)..]);
            var classWord = _v.DirectionClassWords
                .Where(w => !_v.FacilityHeads.Contains(w, StringComparer.Ordinal))
                .FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal));
            if (classWord is null) continue;
            var rest = after[classWord.Length..];
            if (_v.ScenarioWords.Concat(_v.ServedFieldWords).Any(w => rest.Contains(w, StringComparison.Ordinal))) continue;
            var items = ListItems(cs, cs + deng);
            if (!PlausibleDirections(items) || items.Count > 8) continue;
            // A first item holding a verb of the grammar (科学安排A、B等发展时序) is a list the frames before read, or a clause.
            if (_v.DirectionVerbs.Concat(_v.EnumerationVerbs).Concat(_v.ListDevelopmentVerbs)
                .Any(w => w.Length >= 2 && items[0].Name.Contains(w, StringComparison.Ordinal))
                || _v.ClausePrepositions.Any(w => items[0].Name.StartsWith(w, StringComparison.Ordinal))) continue;
            if (items.Any(i => i.Name.Length > 8 || _v.NotNounWords.Any(w => i.Name.Contains(w, StringComparison.Ordinal)))) continue;
            foreach (var w in _v.UmbrellaIndustries) if (after.StartsWith(w, StringComparison.Ordinal)) _umbrellas.Add(w);
            var tier = _c.TierAbove(_c.SectionAt(cs));
            foreach (var (name, pos) in items) AddTrack(name, pos, tier?.Code, tier?.Words);
        }
    }

    /// <summary>
    /// 以数据要素流通应用为核心的“产业大脑”: a role joined by 的 to a noun makes its phrase a part of that noun; only when the noun
    /// holds an industry or a class of them (以卫星互联网为引领的空天信息产业, 以A为主导的制造业集群) is the phrase one too. A quoted
    /// coinage (“产业大脑”) is the name of a thing, so its words do not count. <paramref name="afterRole"/> is where the text
    /// goes on after the role word.
    /// </summary>
    private bool QualifiesNoIndustry(int afterRole)
    {
        if (afterRole >= text.Length || text[afterRole] != '的') return false;
        var end = afterRole + 1;
        while (end < text.Length && !ParseContext.ClauseSeparators.Contains(text[end], StringComparison.Ordinal)
            && text[end] is not ('、' or '\n')) end++;
        var noun = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = afterRole + 1; i < end; i++)
        {
            if (text[i] is '“' or '”' or '"') { quoted = text[i] == '“' || (text[i] == '"' && !quoted); continue; }
            if (!quoted && ParseContext.IsCjk(text[i])) noun.Append(text[i]);
        }
        var words = noun.ToString();
        return !_v.IndustryHeads.Concat(_v.DirectionClassWords).Concat(_v.ClusterHeads)
            .Any(h => words.Contains(h, StringComparison.Ordinal));
    }
}

namespace Fip.Policy.Text;

/// <summary>
/// The track phase's general rules (branch <c>parser6</c>): industries named inside the bases and zones a document lists
/// to build, and by the actions it launches for them.
/// </summary>
internal sealed partial class TrackReader
{
    /// <summary>
    /// 建设全国车联网先导区、…全国功能性面料服装和纺织新材料产业基地、…高端装备制造和军民融合发展示范区: the bases and zones
    /// a document lists to build name their industries (车联网, 功能性面料服装和纺织新材料, 高端装备制造). The qualifier before
    /// the industry (全国, 中部地区有影响力的, 以…为代表的) and a conjunct of process (和军民融合发展) are not part of it; a zone of
    /// a process or an application (创新发展集聚区, 数字化转型示范区, 人工智能创新应用先导区) names none. One zone alone names its
    /// industry only in a list of two or more: one alone (建设具有国际竞争力的先进制造业基地) states what a city becomes.
    /// </summary>
    private void ZoneBases()
    {
        if (_v.ZoneHeads.Count == 0) return;
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s || s < _c.BodyStart || s >= end) continue;
            foreach (var (cs, cl) in PolicyParser.SplitTopLevel(text, s, Math.Min(e, end), "。；;，,：:"))
            {
                var clause = _c.Sub(cs, cs + cl);
                var verbEnd = -1;
                foreach (var verb in _v.ZoneBuildVerbs)
                {
                    var i = clause.IndexOf(verb, StringComparison.Ordinal);
                    if (i >= 0 && (verbEnd < 0 || i + verb.Length < verbEnd)) verbEnd = i + verb.Length;
                }
                if (verbEnd < 0) continue;
                var found = new List<(string Name, int Start)>();
                foreach (var (its, itl) in PolicyParser.SplitTopLevel(text, cs + verbEnd, cs + cl, "、"))
                    if (ZoneIndustry(its, its + itl) is { } named) found.Add(named);
                if (found.Count == 0) continue;
                // One zone alone (建设具有国际竞争力的先进制造业基地) states what a city becomes, not a list of what it builds.
                if (found.Count < 2) continue;
                var tier = _c.TierAbove(_c.SectionAt(cs));
                foreach (var (name, at) in found) AddTrack(name, at, tier?.Code, tier?.Words);
            }
        }
    }

    /// <summary>The industry a zone item (<c>全国车联网先导区</c>) is built for, with its offset, or null.</summary>
    internal (string Name, int Start)? ZoneIndustry(int s, int e)
    {
        var item = _c.Sub(s, e);
        // 聚焦信息经济特色小镇建设: the build verb may follow the zone.
        foreach (var verb in _v.ZoneBuildVerbs)
            if (item.EndsWith(verb, StringComparison.Ordinal) && item.Length > verb.Length) { item = item[..^verb.Length]; break; }
        var head = _v.ZoneHeads.FirstOrDefault(h => item.EndsWith(h, StringComparison.Ordinal));
        if (head is null) return null;
        var name = item[..^head.Length];
        var start = s;
        // 以轻型商用车、专用车为代表的全国…, 中部地区有影响力的…: the qualifier ends at its last 的.
        var de = name.LastIndexOf('的');
        if (de >= 0) { start += de + 1; name = name[(de + 1)..]; }
        // 全国, 中部非省会城市: where the zone ranks, not what it is for.
        var cut = 0;
        foreach (var q in _v.ZoneQualifierEnds)
        {
            var i = name.LastIndexOf(q, StringComparison.Ordinal);
            if (i >= 0 && i + q.Length > cut) cut = i + q.Length;
        }
        start += cut;
        name = name[cut..];
        // 高端装备制造和军民融合发展: a conjunct of process is how the zone works, not an industry.
        var and = name.LastIndexOf('和');
        if (and > 0 && IsProcess(name[(and + 1)..])) name = name[..and];
        if (name.Length < 2 || name.Length > 16 || !name.All(ParseContext.IsCjk) || IsProcess(name) || NamesAMeans(name)) return null;
        if (_v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Any(v => name.Contains(v, StringComparison.Ordinal))) return null;
        var own = name;
        foreach (var m in _v.AreaClassModifiers)
            own = own.Replace(m, "", StringComparison.Ordinal);
        return own.Length == 0 ? null : (name, start);
    }

    /// <summary>Whether <paramref name="name"/> ends in a word of process or application (发展, 应用, 转型…).</summary>
    private bool IsProcess(string name) =>
        _v.ProcessEndings.Concat(_v.NotSubjectEndings).Any(w => name.EndsWith(w, StringComparison.Ordinal));

    /// <summary>
    /// 实施晶硅光伏科技赋能行动, 实施核技术应用科技赋能行动: an action launched to empower or grow something names that
    /// something as an industry. An action for firms, talent or a means (实施中小企业培育行动), a quoted slogan
    /// (实施“网络能力”提升行动) or an action of another kind (实施质量提升行动) names none.
    /// </summary>
    private void ActionIndustries()
    {
        if (_v.IndustryActionWords.Count == 0) return;
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        const string launch = "实施";
        for (var at = text.IndexOf(launch, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
             at = text.IndexOf(launch, at + launch.Length, StringComparison.Ordinal))
        {
            var s = at + launch.Length;
            var e = s;
            while (e < end && ParseContext.IsCjk(text[e]) && e - s <= 20) e++;
            var run = _c.Sub(s, e);
            foreach (var kind in _v.IndustryActionKinds)
            {
                var k = run.IndexOf(kind, StringComparison.Ordinal);
                if (k < 0) continue;
                var named = run[..k];
                var word = _v.IndustryActionWords.FirstOrDefault(w => named.EndsWith(w, StringComparison.Ordinal));
                if (word is null) break;
                var name = named[..^word.Length];
                // 核技术应用 is named by the action: only a process of change (转型, 改革) or a means names none.
                if (name.Length < 2 || name.Length > 10 || NamesAMeans(name)
                    || _v.NotSubjectEndings.Any(w => name.EndsWith(w, StringComparison.Ordinal))
                    || _v.FieldWords.Contains(name, StringComparer.Ordinal)
                    || _v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Any(v => name.Contains(v, StringComparison.Ordinal))) break;
                var tier = _c.TierAbove(_c.SectionAt(at));
                AddTrack(name, s, tier?.Code, tier?.Words);
                break;
            }
        }
    }

    /// <summary>
    /// 以算力供给为支撑、场景应用为牵引、赋能行业为落点: a series of roles one of which is a role of method (牵引, 落点, 抓手)
    /// states how the work is organised, not which industries lead.
    /// </summary>
    private bool InMethodSeries(int roleAt)
    {
        var e = roleAt;
        while (e < text.Length && !"，,。；;\n".Contains(text[e], StringComparison.Ordinal)) e++;
        var series = _c.Sub(roleAt, e);
        return _v.MethodRoles.Any(r => series.Contains(r, StringComparison.Ordinal));
    }

    /// <summary>智能制造, 绿色制造: a manner of producing, not an industry (高端装备制造 names what is made).</summary>
    private bool IsModeOfProduction(string name)
    {
        foreach (var head in _v.ModeHeads)
        {
            if (!name.EndsWith(head, StringComparison.Ordinal)) continue;
            var rest = name[..^head.Length];
            for (var stripped = true; stripped && rest.Length > 0;)
            {
                stripped = false;
                foreach (var m in _v.ModeModifiers)
                    if (rest.StartsWith(m, StringComparison.Ordinal)) { rest = rest[m.Length..]; stripped = true; break; }
            }
            if (rest.Length == 0) return true;
        }
        return false;
    }
}

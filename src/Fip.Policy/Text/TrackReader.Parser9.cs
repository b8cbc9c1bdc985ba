namespace Fip.Policy.Text;

/// <summary>
/// The track phase's frames from held-out-7 (branch <c>parser9</c>): lists given a direction role (以A、B、C为主攻目标),
/// development verbs' lists of a class (推动A、B、C等特色产业集群发展), item titles that develop an industry
/// (（一）发展X产业。), track lines opened by a dash (——X服务。), and industries named in goal clauses
/// (数据要素产业集聚发展, 算力产业年均增速超过20%).
/// </summary>
internal sealed partial class TrackReader
{
    /// <summary>
    /// 推动终端设备制造、卫星运营、卫星应用等特色产业集群发展: a development verb (<c>listDevelopmentVerbs</c>) whose 、-list is
    /// closed by 等, a class phrase ending in a class word (特色产业集群, 重点领域) and a development tail that ends the clause
    /// names directions. A list of actors (推动企业、高校等创新主体协同发展), of a class that does not end the phrase
    /// (支持A、B等领域企业发展) or with a predicate after the class (推动A、B等领域能级提升) names none.
    /// </summary>
    private void DevelopmentLists(int start, int end)
    {
        if (end <= start) return;
        foreach (var (cs, cl) in PolicyParser.SplitTopLevel(text, start, end, "，,；;：:"))
        {
            if (text.AsSpan(cs, cl).IndexOf('等') < 0)
            {
                SharedHeadDevelopmentList(cs, cl);
                continue;
            }
            var clause = text.Substring(cs, cl);
            foreach (var verb in _v.ListDevelopmentVerbs)
            {
                var at = clause.IndexOf(verb, StringComparison.Ordinal);
                if (at < 0) continue;
                var listStart = cs + at + verb.Length;
                var rest = clause[(at + verb.Length)..];
                var deng = LastTopLevel(rest, '等');
                if (deng < 2) continue;
                var after = SkipCount(rest[(deng + 1)..]);
                var tail = _v.ListDevelopmentTails.FirstOrDefault(t => after.EndsWith(t, StringComparison.Ordinal));
                if (tail is null) continue;
                var cls = after[..^tail.Length];
                if (cls.Length is < 2 or > 8 || !cls.All(ParseContext.IsCjk)
                    || !_v.DirectionClassWords.Concat(_v.ClusterHeads).Any(w => cls.EndsWith(w, StringComparison.Ordinal))) continue;
                var items = ListItems(listStart, listStart + deng);
                if (!PlausibleDirections(items)) continue;
                foreach (var w in _v.UmbrellaIndustries) if (cls.EndsWith(w, StringComparison.Ordinal)) _umbrellas.Add(w);
                var tier = _c.TierAbove(_c.SectionAt(cs));
                foreach (var (name, pos) in items) AddTrack(name, pos, tier?.Code, tier?.Words);
                break;
            }
        }
    }

    /// <summary>
    /// 以推动商业航天、低空经济、空天信息产业高质量发展为核心: without 等, a development verb's 、-list whose last item ends in a
    /// class word followed by a development tail names directions when the tail ends the clause or a lead role follows it
    /// (为核心): the class word is the head the items share (共用中心语), so it is cut from the last. A tail followed by more
    /// words (推动A、B产业发展提速) is no object of the verb.
    /// </summary>
    private void SharedHeadDevelopmentList(int cs, int cl)
    {
        var clause = text.Substring(cs, cl).TrimEnd();
        foreach (var verb in _v.ListDevelopmentVerbs)
        {
            var at = clause.IndexOf(verb, StringComparison.Ordinal);
            if (at < 0) continue;
            var rest = clause[(at + verb.Length)..];
            foreach (var tail in _v.ListDevelopmentTails)
            {
                var t = rest.LastIndexOf(tail, StringComparison.Ordinal);
                if (t < 0) continue;
                var after = rest[(t + tail.Length)..];
                if (after.Length > 0 && !_v.LeadRoles.Contains(after, StringComparer.Ordinal)) continue;
                var head = _v.DirectionClassWords.FirstOrDefault(w => rest[..t].EndsWith(w, StringComparison.Ordinal));
                if (head is null || TopLevelCount(rest[..t], '、') == 0) continue;
                var listStart = cs + at + verb.Length;
                var items = ListItems(listStart, listStart + t - head.Length);
                if (!PlausibleDirections(items)) return;
                var tier = _c.TierAbove(_c.SectionAt(cs));
                foreach (var (name, pos) in items) AddTrack(name, pos, tier?.Code, tier?.Words);
                return;
            }
        }
    }

    /// <summary>Items of a list that read as names of directions: two or more short names, no clause, scenario or field list.</summary>
    private bool PlausibleDirections(IReadOnlyList<(string Name, int Start)> items) =>
        items.Count >= 2
        && items.All(i => i.Name.Length is >= 2 and <= 12 && !i.Name.Contains('的', StringComparison.Ordinal)
            && i.Name.All(c => ParseContext.IsCjk(c) || char.IsAsciiLetterOrDigit(c))
            && !_v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Any(v => i.Name.StartsWith(v, StringComparison.Ordinal))
            && !_v.ClauseItemOpenings.Any(w => i.Name.StartsWith(w, StringComparison.Ordinal))
            && !_v.ScenarioWords.Any(w => i.Name.Contains(w, StringComparison.Ordinal)))
        && items.Count(i => _v.FieldWords.Contains(i.Name, StringComparer.Ordinal)) * 2 < items.Count;

    /// <summary>
    /// （一）发展新一代电子信息产业。, 二、大力发展数字经济: an item title that is only a development verb
    /// (<c>headingDevelopmentVerbs</c>) and a name ending in an industry head names that industry, wherever the heading
    /// stands; its paragraph runs to the next heading. A title developing firms, means or a class (（二）培育创新型企业,
    /// （三）发展壮大市场主体, （一）发展传统产业) names none.
    /// </summary>
    private void DevelopmentHeadings()
    {
        for (var i = 0; i < _c.Outline.Count; i++)
        {
            var h = _c.Outline[i];
            var verb = _v.HeadingDevelopmentVerbs.FirstOrDefault(v => h.Title.StartsWith(v, StringComparison.Ordinal));
            if (verb is null) continue;
            var name = h.Title[verb.Length..].Trim();
            if (name.Length is < 3 or > 15 || !name.All(ParseContext.IsCjk)
                || !_v.IndustryHeads.Any(head => name.EndsWith(head, StringComparison.Ordinal) && name.Length > head.Length)
                || _v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Any(v => name.Contains(v, StringComparison.Ordinal))) continue;
            var tier = _c.TierAbove(i);
            var titleStart = h.Source.End - h.Title.Length + verb.Length;
            if (AddTrack(name, titleStart, tier?.Code, tier?.Words) is not { } track || track.ParagraphStart >= 0) continue;
            track.ParagraphStart = h.Source.Offset;
            track.ParagraphEnd = i + 1 < _c.Outline.Count ? _c.Outline[i + 1].Source.Offset : text.Length;
        }
    }

    /// <summary>
    /// ——卫星运营服务。重点发展…: under a directions heading (主攻方向, 重点领域, a tier), a line opened by a dash
    /// (<c>trackLineMarks</c>) whose words before the first 。 are a short name is a track; its paragraph runs to the next such
    /// line or heading. Under a goal heading (——产业链条建立健全。) or opening with a task verb (——坚持创新引领。) it is none.
    /// </summary>
    private void TrackLines()
    {
        var marked = new List<(int Start, int NameStart, int NameEnd)>();
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s || s < _c.BodyStart || s >= _c.TruncatedFrom) continue;
            var mark = _v.TrackLineMarks.FirstOrDefault(m => text.AsSpan(s, e - s).StartsWith(m, StringComparison.Ordinal));
            if (mark is null) continue;
            var ns = s + mark.Length;
            var stop = text.IndexOf('。', ns, e - ns);
            if (stop < 0) continue;
            marked.Add((s, ns, stop));
        }
        for (var k = 0; k < marked.Count; k++)
        {
            var (s, ns, ne) = marked[k];
            var name = _c.Sub(ns, ne).Trim();
            if (name.Length is < 2 or > 12 || !name.All(ParseContext.IsCjk)
                || _v.TaskHeadingVerbs.Concat(_v.TitleVerbs).Any(v => name.StartsWith(v, StringComparison.Ordinal))
                || _v.NotTrackHeadingWords.Any(w => name.Contains(w, StringComparison.Ordinal))) continue;
            var section = _c.SectionAt(s);
            if (section < 0 || !_c.Ancestors(section).Any(p => _v.TierIn(p.Title) is not null
                    || _v.DirectionSectionWords.Any(w => p.Title.Contains(w, StringComparison.Ordinal)))) continue;
            var tier = _c.TierAbove(section);
            if (AddTrack(name, ns, tier?.Code, tier?.Words) is not { } track || track.ParagraphStart >= 0) continue;
            var next = section + 1 < _c.Outline.Count ? _c.Outline[section + 1].Source.Offset : text.Length;
            track.ParagraphStart = s;
            track.ParagraphEnd = k + 1 < marked.Count ? Math.Min(marked[k + 1].Start, next) : next;
        }
    }

    /// <summary>
    /// In a goal paragraph (under a 目标 heading, or a sentence that sets a goal year), a clause that is an industry and how it
    /// develops (数据要素产业集聚发展, 大数据产业快速发展) or opens with an industry's measure and holds a figure
    /// (算力产业年均增速超过20%) names the industry. A class (相关产业规模, 人工智能核心及相关产业规模: the last conjunct is
    /// generic), a phrase with a verb, or such a clause outside a goal paragraph (近年来数字经济快速发展) names none.
    /// </summary>
    private void GoalIndustries()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s || s < _c.BodyStart || s >= end) continue;
            foreach (var (ss, sl) in PolicyParser.SplitTopLevel(text, s, Math.Min(e, end), "。"))
            {
                if (sl == 0 || !InGoalParagraph(ss, sl)) continue;
                foreach (var (cs, cl) in PolicyParser.SplitTopLevel(text, ss, ss + sl, "，,；;"))
                {
                    var (ts, tl) = PolicyParser.Trim(text, cs, cl);
                    if (tl < 4) continue;
                    var clause = text.AsSpan(ts, tl);
                    string? name = null;
                    foreach (var predicate in _v.GoalDevelopmentPredicates)
                        if (clause.EndsWith(predicate, StringComparison.Ordinal)) { name = clause[..^predicate.Length].ToString(); break; }
                    if (name is null)
                        foreach (var measure in _v.IndustryMeasureWords)
                        {
                            var at = clause.IndexOf(measure, StringComparison.Ordinal);
                            if (at <= 0) continue;
                            if (_c.Quantity.IsMatch(clause)) name = clause[..at].ToString();
                            break;
                        }
                    // 人工智能核心产业增速: a measure of a direction already read is no new one; nor is 数字产业 beside 数字经济, the
                    // same field under another head.
                    if (name is null || !GoalIndustryName(name)
                        || _tracks.Any(t => Ungenerational(name).StartsWith(Ungenerational(t.Name), StringComparison.Ordinal)
                            || Stem(t.Name) == Stem(name))) continue;
                    var tier = _c.TierAbove(_c.SectionAt(ts));
                    AddTrack(name, ts, tier?.Code, tier?.Words);
                }
            }
        }
    }

    private bool InGoalParagraph(int start, int length)
    {
        if (PolicyParser.GoalYear().IsMatch(text.AsSpan(start, length))) return true;
        var section = _c.SectionAt(start);
        return section >= 0 && _c.Ancestors(section).Any(h => _v.GoalHeadingWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal)));
    }

    /// <summary>A name without its industry head (数字经济 → 数字).</summary>
    private string Stem(string name)
    {
        var head = _v.IndustryHeads.Where(h => name.EndsWith(h, StringComparison.Ordinal) && name.Length > h.Length).MaxBy(h => h.Length);
        return head is null ? name : name[..^head.Length];
    }

    private bool GoalIndustryName(string name)
    {
        if (name.Length is < 3 or > 12 || !name.All(ParseContext.IsCjk)) return false;
        if (!_v.IndustryHeads.Any(h => name.EndsWith(h, StringComparison.Ordinal) && name.Length > h.Length)) return false;
        if (_v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Concat(_v.NotNounWords).Any(v => name.Contains(v, StringComparison.Ordinal)))
            return false;
        // 人工智能核心及相关产业: the last conjunct names a class, so the phrase does.
        var last = name;
        foreach (var c in _v.ObjectConjunctions)
        {
            var at = last.LastIndexOf(c, StringComparison.Ordinal);
            if (at >= 0) last = last[(at + c.Length)..];
        }
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var m in _v.GenericIndustryModifiers)
                if (last.StartsWith(m, StringComparison.Ordinal)) { last = last[m.Length..]; stripped = true; break; }
        }
        return !_v.IndustryHeads.Contains(last, StringComparer.Ordinal) && !_v.UmbrellaIndustries.Contains(last, StringComparer.Ordinal);
    }
}

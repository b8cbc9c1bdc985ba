namespace Fip.Policy.Text;

/// <summary>
/// The track phase's frames from held-out-5 and -6 (branch <c>parser8</c>): classes named by their members
/// (以A、B为重点的X；以C为重点的Y), roles written without 为 (以A创新引领,B支撑发展), modifiers sharing one head
/// (工业、服务、特种机器人), the subject an untitled page defines or keeps naming.
/// </summary>
internal sealed partial class TrackReader
{
    private const string ClauseMarks = "，,；;。：:\n";

    /// <summary>
    /// 大力发展以白银材料…为重点的先进有色金属材料；以高品质特殊钢…为重点的先进钢铁材料；…: a series of two or more classes,
    /// each named by the members it is <c>为重点</c> of and all of one head (材料), names the classes as directions; the members
    /// are not. One class alone (以企业为重点的服务体系), classes of mixed heads, or of means and actions (体系, 平台, 行动) name
    /// none.
    /// </summary>
    private void FocusClasses()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s || s < _c.BodyStart || s >= end) continue;
            foreach (var (ss, sl) in PolicyParser.SplitTopLevel(text, s, Math.Min(e, end), "。"))
            {
                var found = new List<(string Name, int Start)>();
                foreach (var marker in _v.FocusClassMarkers)
                    for (var at = text.IndexOf(marker, ss, sl, StringComparison.Ordinal); at >= 0;
                         at = text.IndexOf(marker, at + marker.Length, ss + sl - (at + marker.Length), StringComparison.Ordinal))
                        if (FocusClass(at, marker, ss, ss + sl) is { } named) found.Add(named);
                if (found.Count < 2) continue;
                var head = found[0].Name[^2..];
                if (found.Any(f => !f.Name.EndsWith(head, StringComparison.Ordinal))) continue;
                var tier = _c.TierAbove(_c.SectionAt(ss));
                foreach (var (name, at) in found) AddTrack(name, at, tier?.Code, tier?.Words);
            }
        }
    }

    /// <summary>The class after one <c>为重点的</c> (<paramref name="at"/>) of a clause opened by 以, or null.</summary>
    private (string Name, int Start)? FocusClass(int at, string marker, int sentenceStart, int sentenceEnd)
    {
        var ns = at + marker.Length;
        var ne = ns;
        while (ne < sentenceEnd && ParseContext.IsCjk(text[ne])) ne++;
        // The class closes its clause; one cut by the end of the text is not read.
        if (ne >= sentenceEnd ? ne >= text.Length || !ClauseMarks.Contains(text[ne], StringComparison.Ordinal)
                : !ClauseMarks.Contains(text[ne], StringComparison.Ordinal)) return null;
        var cs = at;
        while (cs > sentenceStart && !"，,；;。\n".Contains(text[cs - 1], StringComparison.Ordinal)) cs--;
        var lead = _c.Sub(cs, at);
        var yi = lead.IndexOf('以', StringComparison.Ordinal);
        if (yi < 0) return null;
        // 大力发展以…: only a development verb may stand before 以.
        var verb = lead[..yi];
        if (verb.Length > 0 && !_v.EnumerationVerbs.Any(v => verb.EndsWith(v, StringComparison.Ordinal))) return null;
        var name = _c.Sub(ns, ne);
        if (name.Length is < 3 or > 12 || NamesAMeans(name) || IsProcess(name)
            || _v.IndustryActionKinds.Any(k => name.EndsWith(k, StringComparison.Ordinal))
            || _v.UmbrellaIndustries.Contains(name, StringComparer.Ordinal)
            || _v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Any(v => name.Contains(v, StringComparison.Ordinal))) return null;
        return (name, ns);
    }

    /// <summary>
    /// 打造以人形机器人创新引领,工业、服务、特种机器人支撑发展,…的体系: in a series opened by 以, roles may be written without
    /// 为 (创新引领, 支撑发展), and a later part without its own 以; each role's phrase names industries, a 、-list of modifiers
    /// sharing the last item's head (工业、服务、特种机器人) each in full. Each name must end in an industry or product head
    /// (机器人, 产业…): a phrase of fields, processes or means (以科技创新引领发展, 以改革创新引领,开放合作支撑发展) names none,
    /// nor does a bare role with no 以 series before it.
    /// </summary>
    private void BareRoleSeries()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var role in _v.BareLeadRoles)
        {
            for (var at = text.IndexOf(role, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                 at = text.IndexOf(role, at + role.Length, StringComparison.Ordinal))
            {
                if (at > 0 && text[at - 1] == '为') continue; // 以X为创新引领: the lead-role rule reads it
                var cs = at;
                while (cs > _c.BodyStart && !ClauseMarks.Contains(text[cs - 1], StringComparison.Ordinal)) cs--;
                var phrase = _c.Sub(cs, at);
                var start = cs;
                var yi = phrase.LastIndexOf('以');
                if (yi >= 0) { start += yi + 1; phrase = phrase[(yi + 1)..]; }
                else if (!FollowsRoleWithYi(cs)) continue;
                var items = new List<(string Name, int Start)>();
                var pos = start;
                foreach (var part in phrase.Split('、'))
                {
                    items.Add((part, pos));
                    pos += part.Length + 1;
                }
                var names = SharedHeadItems(items) ?? items;
                if (names.Count(i => _v.FieldWords.Contains(i.Name, StringComparer.Ordinal)) * 2 >= names.Count) continue;
                // 开放合作支撑发展: a role's phrase names industries only when each ends in an industry or product head.
                if (names.Any(i => !_v.IndustryHeads.Concat(_v.SharedHeads).Any(h => i.Name.EndsWith(h, StringComparison.Ordinal))))
                    continue;
                if (names.Any(i => i.Name.Length is < 2 or > 12 || !i.Name.All(ParseContext.IsCjk) || NamesAMeans(i.Name)
                    || IsProcess(i.Name) || IsModeOfProduction(i.Name) || _v.UmbrellaIndustries.Contains(i.Name, StringComparer.Ordinal)
                    || _v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Any(v => i.Name.Contains(v, StringComparison.Ordinal)))) continue;
                var tier = _c.TierAbove(_c.SectionAt(cs));
                foreach (var (name, p) in names) AddTrack(name, p, tier?.Code, tier?.Words);
            }
        }
    }

    /// <summary>Whether the comma part before <paramref name="clauseStart"/> opens a series with 以 and ends in a role.</summary>
    private bool FollowsRoleWithYi(int clauseStart)
    {
        if (clauseStart < 1 || text[clauseStart - 1] is not ('，' or ',')) return false;
        var ps = clauseStart - 1;
        while (ps > _c.BodyStart && !ClauseMarks.Contains(text[ps - 1], StringComparison.Ordinal)) ps--;
        var previous = _c.Sub(ps, clauseStart - 1);
        return previous.Contains('以', StringComparison.Ordinal)
            && _v.BareLeadRoles.Concat(_v.LeadRoles).Any(r => previous.EndsWith(r, StringComparison.Ordinal));
    }

    /// <summary>
    /// 工业、服务、特种机器人: modifiers of one length (one to three characters) before a last item that is such a modifier and
    /// a shared head (<c>sharedHeads</c>) name each modifier with the head; null when the list is not of that shape
    /// (新能源汽车、生物医药, 电子、智能装备).
    /// </summary>
    internal List<(string Name, int Start)>? SharedHeadItems(IReadOnlyList<(string Name, int Start)> items)
    {
        if (items.Count < 2) return null;
        var last = items[^1].Name;
        var head = _v.SharedHeads.FirstOrDefault(h => last.EndsWith(h, StringComparison.Ordinal));
        if (head is null) return null;
        var modifier = last[..^head.Length];
        if (modifier.Length is < 1 or > 3) return null;
        for (var i = 0; i < items.Count - 1; i++)
            if (items[i].Name.Length != modifier.Length || items[i].Name.EndsWith(head, StringComparison.Ordinal)) return null;
        return [.. items.Take(items.Count - 1).Select(i => (i.Name + head, i.Start)), items[^1]];
    }

    /// <summary>
    /// 材料工业是…的基础产业。新材料是…的战略性新兴产业。先进材料是本市六大重点产业之一…: of the terms the opening paragraph
    /// of an untitled page defines, the one the text names most often is its subject; the first on a tie.
    /// </summary>
    private (string Subject, int Start)? MostNamedDefinition(int start)
    {
        var lineEnd = text.IndexOf('\n', start);
        if (lineEnd < 0) lineEnd = text.Length;
        lineEnd = Math.Min(lineEnd, _c.TruncatedFrom);
        (string Subject, int Start, int Count)? best = null;
        foreach (var (ss, sl) in PolicyParser.SplitTopLevel(text, start, Math.Max(start, lineEnd), "。"))
        {
            var sentence = _c.Sub(ss, ss + sl).TrimStart();
            var lead = sl - sentence.Length;
            var be = sentence.IndexOf('是', StringComparison.Ordinal);
            if (be < 2 || be > 16) continue;
            var subject = sentence[..be].TrimEnd('，', ',');
            if (!subject.All(ParseContext.IsCjk) || !DefinesByHead(sentence[be..])) continue;
            if (_v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Any(v => subject.Contains(v, StringComparison.Ordinal))) continue;
            var count = Occurrences(subject);
            if (best is null || count > best.Value.Count) best = (subject, ss + lead, count);
        }
        return best is { } b ? (b.Subject, b.Start) : null;
    }

    private int Occurrences(string s)
    {
        var n = 0;
        for (var at = text.IndexOf(s, StringComparison.Ordinal); at >= 0;
             at = text.IndexOf(s, at + s.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>
    /// An untitled page in which no rule found a direction (a page of measures strung together, a goal text) is about the
    /// industry it keeps naming: the phrase ending in an industry head (低空经济, 氢能产业) named at least three times, the
    /// longest of those named most often. The economy at large (国民经济, 实体经济), umbrellas (战略性新兴产业), places and
    /// phrases with a verb are not subjects.
    /// </summary>
    private void RepeatedSubject()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        var counts = new Dictionary<string, (int Count, int Start)>(StringComparer.Ordinal);
        foreach (var head in _v.IndustryHeads)
        {
            for (var at = text.IndexOf(head, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at + head.Length <= end;
                 at = text.IndexOf(head, at + head.Length, StringComparison.Ordinal))
            {
                if (InCitedTitle(at)) continue;
                var s = at;
                // 人工智能与数字经济: a conjunction may join two names of one subject.
                while (s > _c.BodyStart && at - s < 9 && ParseContext.IsCjk(text[s - 1])
                       && !"的、在对为将把".Contains(text[s - 1], StringComparison.Ordinal)) s--;
                for (var from = at - 2; from >= s; from--)
                {
                    var name = _c.Sub(from, at + head.Length);
                    counts[name] = counts.TryGetValue(name, out var c) ? (c.Count + 1, c.Start) : (1, from);
                }
            }
        }
        foreach (var (name, (_, start)) in counts
                     .Where(kv => kv.Value.Count >= 3 && PlausibleSubject(kv.Key))
                     .OrderByDescending(kv => kv.Value.Count).ThenByDescending(kv => kv.Key.Length).Take(1))
            AddTrack(name, start, null, null);
    }

    private bool PlausibleSubject(string name)
    {
        if (_v.UmbrellaIndustries.Any(u => name.EndsWith(u, StringComparison.Ordinal) && u.Length > 2)) return false;
        if (_v.TitleVerbs.Concat(_v.TaskHeadingVerbs).Concat(_v.NotNounWords).Any(v => name.Contains(v, StringComparison.Ordinal)))
            return false;
        var head = _v.IndustryHeads.Where(h => name.EndsWith(h, StringComparison.Ordinal)).MaxBy(h => h.Length) ?? "";
        var own = name[..^head.Length];
        // 与数字经济: a conjunction opens no name.
        return own.Length >= 2 && _v.Gazetteer.Find(own) is null
            && !_v.ObjectConjunctions.Any(c => own.StartsWith(c, StringComparison.Ordinal));
    }
}

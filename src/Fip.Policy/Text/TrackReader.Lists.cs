namespace Fip.Policy.Text;

/// <summary>The track phase's list grammar: enumerations after direction verbs, counted classes, list items, chain links.</summary>
internal sealed partial class TrackReader
{
    private void DirectionEnumerations(int start, int end)
    {
        var sentence = _c.Sub(start, end);
        var section = _c.SectionAt(start);
        var ownTrack = TrackAt(start)
            ?? _tracks.FirstOrDefault(t => t.ParagraphStart < 0 && sentence.StartsWith(t.Name, StringComparison.Ordinal));
        foreach (var verb in _v.DirectionVerbs)
        {
            for (var at = sentence.IndexOf(verb, StringComparison.Ordinal); at >= 0; at = sentence.IndexOf(verb, at + verb.Length,
                StringComparison.Ordinal))
            {
                // 。就A、B…: some list verbs count only where they open a clause.
                if (_v.ClauseOpeningListVerbs.Contains(verb, StringComparer.Ordinal) && at > 0
                    && !"，,。；;：:）)\n".Contains(sentence[at - 1], StringComparison.Ordinal)) continue;
                var listStart = start + at + verb.Length;
                // 聚焦打造装备制造、现代材料…: a second verb of development after the list verb (verbs in series) opens the
                // object; the list starts after it.
                if (_v.ListVerbs.Contains(verb, StringComparer.Ordinal)
                    && _v.EnumerationVerbs.FirstOrDefault(
                        w => w.Length >= 2 && text.AsSpan(listStart).StartsWith(w, StringComparison.Ordinal)) is { } serial)
                    listStart += serial.Length;
                // The list runs to the clause's end (a comma) or to 等… / 为重点.
                var clauseEnd = listStart;
                var depth = 0;
                while (clauseEnd < end)
                {
                    var c = text[clauseEnd];
                    if (PolicyParser.IsOpen(c)) depth++;
                    else if (PolicyParser.IsClose(c)) depth = Math.Max(0, depth - 1);
                    else if (depth == 0 && c is '，' or ',' or '：' or ':') break;
                    clauseEnd++;
                }
                var clause = _c.Sub(listStart, clauseEnd);
                int listEnd;
                string? classWord = null;
                var deng = LastTopLevel(clause, '等');
                var meansDropped = false;
                if (verb == "以" && DirectionRoleAt(clause) is { } role)
                {
                    // 以智能装备、智慧工厂、智能网联汽车为主攻目标: the role says the list names directions; a means (工厂) is dropped.
                    if (clause[..role].Contains('为', StringComparison.Ordinal) || clause[..role].Contains('以', StringComparison.Ordinal))
                        continue;
                    listEnd = listStart + (deng >= 0 && deng < role ? deng : role);
                    meansDropped = true;
                }
                else if (verb == "以")
                {
                    // 以A、B为重点的产业… / 以A、B等领域为重点: the list names industries only when a class word says so.
                    var wei = clause.IndexOf("为重点", StringComparison.Ordinal);
                    if (wei < 0) continue;
                    var follows = _c.Sub(listStart + wei + 3, Math.Min(end, listStart + wei + 8));
                    var classBefore = deng >= 0
                        && deng < wei
                        && _v.DirectionClassWords.Any(w => SkipCount(clause[(deng + 1)..wei]).StartsWith(w, StringComparison.Ordinal));
                    var classAfter = follows.StartsWith('的')
                        && _v.DirectionClassWords.Any(w => follows[1..].StartsWith(w, StringComparison.Ordinal));
                    // 以新能源、新材料、新能源汽车产业为重点: a class word closing the last item, right before 为重点, is the head the
                    // items share (共用中心语), and it says the list names industries as a class word after 等 does.
                    var classShared = deng < 0
                        && TopLevelCount(clause[..wei], '、') > 0
                        && _v.DirectionClassWords.Any(w => clause[..wei].EndsWith(w, StringComparison.Ordinal));
                    if (!classBefore && !classAfter && !classShared && ownTrack is null) continue;
                    if (clause[..wei].Contains('为', StringComparison.Ordinal) || clause[..wei].Contains('以', StringComparison.Ordinal))
                        continue;
                    listEnd = listStart + (deng >= 0 && deng < wei ? deng : wei);
                }
                else if (deng >= 0)
                {
                    var after = clause[(deng + 1)..];
                    after = SkipCount(after);
                    classWord =
                        _v.DirectionClassWords.FirstOrDefault(
                            w => after.Contains(w, StringComparison.Ordinal) && after.IndexOf(w, StringComparison.Ordinal) <= 6);
                    if (classWord is null) continue;
                    // 围绕集成电路、生物医药等应用领域布局发展: the fields a class serves, not industries of the document.
                    var served = after[..after.IndexOf(classWord, StringComparison.Ordinal)];
                    if (_v.ServedFieldWords.Any(w => served.Contains(w, StringComparison.Ordinal))) continue;
                    // 推进A、B等领域能级提升: a weak verb's list names industries only when its class word closes the clause.
                    if (_v.WeakDirectionVerbs.Contains(verb, StringComparer.Ordinal) && !ClassWordClosesObject(after)) continue;
                    listEnd = listStart + deng;
                }
                else if (CountedClass(clause) is { } counted && TopLevelCount(clause[..counted.ListEnd], '、') > 0)
                {
                    // 重点培育人工智能、生物医药、新材料三大未来产业: a count and a class word close the list; after a weak verb
                    // (培育一批优质企业、…、组建一个产业联盟) only when the class word closes the clause.
                    if (_v.WeakDirectionVerbs.Contains(verb, StringComparer.Ordinal)
                        && !ClassWordClosesObject(SkipCount(clause[counted.ListEnd..])))
                        continue;
                    classWord = counted.ClassWord;
                    listEnd = listStart + counted.ListEnd;
                    foreach (var w in _v.UmbrellaIndustries) if (counted.ClassWord == w) _umbrellas.Add(w);
                }
                else if (_v.ListVerbs.Contains(verb, StringComparer.Ordinal)
                    && clauseEnd < end
                    && text[clauseEnd] is '，' or ','
                    && TopLevelCount(clause, '、') > 0)
                    listEnd = clauseEnd;
                else if (_v.TierIn(verb) is not null
                    && clauseEnd < end
                    && text[clauseEnd] is '，' or ','
                    && TopLevelCount(clause, '、') == 0
                    && clause.Length <= 20
                    && (clause.Contains('和', StringComparison.Ordinal) || clause.Contains('及', StringComparison.Ordinal)))
                {
                    // 前瞻布局人形机器人和具身智能大模型，: a tier verb's pair closed by a comma (重点发展关键环节和核心技术，
                    // names means, not industries).
                    listEnd = clauseEnd;
                    if (ListItems(listStart, listEnd).Any(i => NamesAMeans(i.Name))) continue;
                }
                else if (_v.ListVerbs.Contains(verb, StringComparer.Ordinal)
                    && clauseEnd >= _c.TruncatedFrom
                    && TopLevelCount(clause, '、') >= 2)
                    listEnd = listStart + LastTopLevel(clause, '、'); // an opening cut in the list: the items before the cut
                else if (_v.BecomeVerbs.Contains(verb, StringComparer.Ordinal))
                {
                    var de = LastTopLevel(clause, '的');
                    listStart = de >= 0 ? listStart + de + 1 : listStart;
                    listEnd = clauseEnd;
                    if (!_v.DirectionClassWords.Any(w => _c.Sub(listStart, listEnd).EndsWith(w, StringComparison.Ordinal))) continue;
                    // 打造A创新赋能中心、成果转化中心、B中心: facilities of a process (赋能, 转化) are what is built, not industries;
                    // 加工制造中心、研发设计中心 stay the activities a zone develops.
                    var built = ListItems(listStart, listEnd);
                    if (built.Count >= 2
                        && built.All(i => _v.FacilityHeads.Any(h => i.Name.EndsWith(h, StringComparison.Ordinal)))
                        && built.Any(i => _v.FacilityHeads.Any(h => i.Name.EndsWith(h, StringComparison.Ordinal)
                            && IsProcess(i.Name[..^h.Length]))))
                        continue;
                }
                else continue;
                // 围绕物流配送、空中交通等领域打造一批示范应用场景: the list names where scenarios go, not industries.
                if (listEnd < clauseEnd && _v.ScenarioWords.Any(w => _c.Sub(listEnd, clauseEnd).Contains(w, StringComparison.Ordinal)))
                    continue;
                var items = ListItems(listStart, listEnd);
                if (items.Count < 2) continue;
                // 瞄准全球科技前沿、围绕国家发展战略需求、面向…: items that open with a verb of orientation are clauses.
                if (items.Any(i => _v.ClauseItemOpenings.Any(w => i.Name.StartsWith(w, StringComparison.Ordinal)))) continue;
                // 聚焦汽车、电子信息等制造业场景和商务服务…等领域: an item naming a scenario makes the list one of scenarios.
                if (items.Any(i => _v.ScenarioWords.Any(w => i.Name.Contains(w, StringComparison.Ordinal)))) continue;
                // 以科技、产业、消费、民生、治理等领域为重点: bare fields of action say where a policy applies, not industries.
                if (items.Count(i => _v.FieldWords.Contains(i.Name, StringComparer.Ordinal)) * 2 >= items.Count) continue;
                // 打造A、B、C改革开放的高地: a last item that runs on with 的 makes every item a qualifier of its noun.
                if (_c.Sub(items[^1].Start, listEnd).Contains('的', StringComparison.Ordinal)) continue;
                if (classWord is not null && deng >= 0)
                {
                    var umbrella = SkipCount(clause[(deng + 1)..]);
                    foreach (var w in _v.UmbrellaIndustries) if (umbrella.StartsWith(w, StringComparison.Ordinal)) _umbrellas.Add(w);
                }
                var tier = _v.TierIn(verb) ?? _v.TierIn(sentence[..at]) ?? _c.TierAbove(section);
                if (ownTrack is not null && ownTrack.Name is var tn && !items.Any(i => i.Name == tn))
                {
                    foreach (var (name, pos) in items)
                        if (!ownTrack.Chain.Any(c => c.Name == name))
                            ownTrack.Chain.Add(new ChainElement(name, _c.Span(pos, name.Length)));
                    continue;
                }
                if (items.Any(i => i.Name.Length > 16)) continue;
                foreach (var (name, pos) in items)
                    if (!meansDropped || !NamesAMeans(name)) AddTrack(name, pos, tier?.Code, tier?.Words);
            }
        }
    }

    /// <summary>Where a direction role (为主攻目标, 为主攻方向) closes <paramref name="clause"/>, or null.</summary>
    private int? DirectionRoleAt(string clause)
    {
        foreach (var role in _v.DirectionRoles)
        {
            var at = clause.IndexOf(role, StringComparison.Ordinal);
            if (at > 0 && clause[(at + role.Length)..].Trim().Length == 0) return at;
        }
        return null;
    }

    /// <summary>
    /// The class word ends the verb's object: nothing follows it in the clause but a conjunction opening another object
    /// (<c>等“4+4”重点制造业产业领域以及传统优势产业…</c>), not a predicate (<c>等领域能级提升</c>).
    /// </summary>
    private bool ClassWordClosesObject(string after)
    {
        foreach (var w in _v.DirectionClassWords)
        {
            for (var i = after.IndexOf(w, StringComparison.Ordinal); i >= 0; i = after.IndexOf(w, i + 1, StringComparison.Ordinal))
            {
                var rest = after[(i + w.Length)..];
                if (rest.Length == 0 || _v.ObjectConjunctions.Any(c => rest.StartsWith(c, StringComparison.Ordinal))) return true;
            }
        }
        return false;
    }

    /// <summary>Where a count (三大, 5个, 两类) followed by a class word (未来产业, 领域…) starts in <paramref name="clause"/>.</summary>
    private (int ListEnd, string ClassWord)? CountedClass(string clause)
    {
        foreach (var w in _v.DirectionClassWords)
        {
            for (var at = clause.IndexOf(w, StringComparison.Ordinal); at > 0; at = clause.IndexOf(w, at + 1, StringComparison.Ordinal))
            {
                // 现代服务业“3+1”主导产业: a quoted formula count, then at most four words of qualifier, before the class word.
                if (clause.LastIndexOf('”', at - 1) is var quoteEnd and > 0 && at - quoteEnd <= 5
                    && FormulaCountBefore().Match(clause, 0, at) is { Success: true } formula)
                    return (formula.Index, w);
                var k = at;
                if (k > 0 && "大个类项条".Contains(clause[k - 1], StringComparison.Ordinal)) k--;
                var digits = k;
                while (k > 0 && (char.IsAsciiDigit(clause[k - 1]) || "一二三四五六七八九十两".Contains(clause[k - 1], StringComparison.Ordinal)))
                    k--;
                if (k == digits || k == 0) continue;
                return (k, w);
            }
        }
        return null;
    }

    /// <summary>A quoted formula count (“3+1”, “4+4+N”) and up to four words of qualifier that end the text.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"“[0-9]+(?:[+＋][0-9A-Za-z]+)+”\p{IsCJKUnifiedIdeographs}{0,4}$")]
    private static partial System.Text.RegularExpressions.Regex FormulaCountBefore();

    internal static int TopLevelCount(string s, char c)
    {
        int depth = 0, n = 0;
        foreach (var ch in s)
        {
            if (PolicyParser.IsOpen(ch)) depth++;
            else if (PolicyParser.IsClose(ch)) depth = Math.Max(0, depth - 1);
            else if (depth == 0 && ch == c) n++;
        }
        return n;
    }

    internal static string SkipCount(string s)
    {
        var i = 0;
        // 等“4+4”重点制造业产业领域: a quoted count of a programme (digits and +) is a count too.
        if (s.Length > 2 && s[0] == '“' && s.IndexOf('”', StringComparison.Ordinal) is var q and > 1 and <= 8
            && s[1..q].All(c => char.IsAsciiDigit(c) || c is '+' or '＋'))
            i = q + 1;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || "一二三四五六七八九十两批个大项类条".Contains(s[i], StringComparison.Ordinal))) i++;
        return s[i..];
    }

    internal static int LastTopLevel(string s, char c)
    {
        var depth = 0;
        var found = -1;
        for (var i = 0; i < s.Length; i++)
        {
            if (PolicyParser.IsOpen(s[i])) depth++;
            else if (PolicyParser.IsClose(s[i])) depth = Math.Max(0, depth - 1);
            else if (depth == 0 && s[i] == c) found = i;
        }
        return found;
    }

    /// <summary>A list split at 、 (outside brackets), its last item split once more at 及 / 和.</summary>
    private List<(string Name, int Start)> ListItems(int start, int end)
    {
        var items = new List<(string, int)>();
        var parts = PolicyParser.SplitTopLevel(text, start, end, "、");
        for (var k = 0; k < parts.Count; k++)
        {
            var (ps, pl) = PolicyParser.Trim(text, parts[k].Start, parts[k].Length);
            if (pl == 0) continue;
            var chunk = text.Substring(ps, pl);
            if (k == parts.Count - 1 || parts.Count == 1)
            {
                var split = -1;
                var depth = 0;
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (PolicyParser.IsOpen(chunk[i])) depth++;
                    else if (PolicyParser.IsClose(chunk[i])) depth = Math.Max(0, depth - 1);
                    else if (depth == 0 && chunk[i] is '及' or '和' && i > 1 && i < chunk.Length - 2) split = i;
                }
                if (split > 0 && (parts.Count > 1 || items.Count == 0))
                {
                    items.Add((chunk[..split], ps));
                    items.Add((chunk[(split + 1)..], ps + split + 1));
                    continue;
                }
            }
            items.Add((chunk, ps));
        }
        return items;
    }

    /// <summary>Every 、-list in a track's paragraph gives candidate chain links.</summary>
    private void ChainElements(TrackBuilder track, int start, int end)
    {
        foreach (var (cs, cl) in PolicyParser.SplitTopLevel(text, start, end, "，,。；;"))
        {
            var clause = text.Substring(cs, cl);
            if (!clause.Contains('、', StringComparison.Ordinal) || clause.StartsWith('〔')) continue;
            var parts = PolicyParser.SplitTopLevel(text, cs, cs + cl, "、");
            // The first item starts after the clause's verb; the last ends at 等.
            var (fs, fl) = parts[0];
            var first = text.Substring(fs, fl);
            var verbEnd = 0;
            foreach (var w in _v.ChainVerbs)
            {
                var i = first.LastIndexOf(w, StringComparison.Ordinal);
                if (i >= 0 && i + w.Length > verbEnd && i + w.Length < first.Length) verbEnd = i + w.Length;
            }
            parts[0] = (fs + verbEnd, fl - verbEnd);
            var (ls, ll) = parts[^1];
            var last = text.Substring(ls, ll);
            var deng = LastTopLevel(last, '等');
            if (deng > 0) parts[^1] = (ls, deng);
            foreach (var (name, pos) in ListItems(parts[0].Start, parts[^1].Start + parts[^1].Length))
            {
                var n = name.Trim();
                if (n.Length is < 2 or > 20 || track.Chain.Any(c => c.Name == n)) continue;
                track.Chain.Add(new ChainElement(n, _c.Span(pos, n.Length)));
            }
        }
    }
}

namespace Fip.Policy.Text;

/// <summary>
/// The track phase's rules for enumerations closed by a count and for the subject a title-less opening defines.
/// </summary>
internal sealed partial class TrackReader
{
    private const string CountDigits = "0123456789一二两三四五六七八九十";

    /// <summary>
    /// 做强做大A、B、C、D四大主导产业; 加快发展A、B、C、D4类特色机器人产品; 培育壮大A、B、C等三大产业集群; 前瞻布局A一大未来产业:
    /// a 、-list (or, after a tier verb, a single item) closed by a count whose number is the number of items, a measure word
    /// (大, 类, 个…) and a class phrase ending in a class head (产业, 领域, 产品…) names directions, whatever the verb
    /// before it. The first item starts after the last enumeration verb of its chunk.
    /// </summary>
    private void CountedEnumerations(int start, int end)
    {
        if (end <= start) return; // a sentence wholly inside the clause the text is cut in
        foreach (var (cs, cl) in PolicyParser.SplitTopLevel(text, start, end, "，,；;：:")) CountedClause(cs, cl, false);
        // 产业体系(电子信息、航空、新能源3个新兴产业，新材料、绿色食品2个特色产业): a bracket after a noun that lists counted
        // classes defines the noun's members; each of its clauses is a counted list without a verb.
        for (var i = start + 1; i < end; i++)
        {
            if (text[i] is not ('（' or '(') || !ParseContext.IsCjk(text[i - 1])) continue;
            var close = text.IndexOfAny(['）', ')'], i + 1);
            if (close < 0 || close >= end || text.AsSpan(i + 1, close - i - 1).IndexOfAny('（', '(') >= 0) continue;
            foreach (var (cs, cl) in PolicyParser.SplitTopLevel(text, i + 1, close, "，,；;")) CountedClause(cs, cl, true);
            i = close;
        }
    }

    /// <summary>The counted lists of one clause; <paramref name="inBracket"/>: a clause of a bracketed definition (no verb needed).
    /// </summary>
    private void CountedClause(int cs, int cl, bool inBracket)
    {
        var clause = text.Substring(cs, cl);
        for (var k = 0; k < clause.Length; k++)
        {
            if (!CountDigits.Contains(clause[k], StringComparison.Ordinal) || k == 0) continue;
            if (CountDigits.Contains(clause[k - 1], StringComparison.Ordinal)) continue; // not the count's first digit
            var j = k;
            while (j < clause.Length && CountDigits.Contains(clause[j], StringComparison.Ordinal)) j++;
            if (j >= clause.Length || !_v.CountMeasureWords.Contains(clause[j].ToString(), StringComparer.Ordinal)) continue;
            var classStart = j + 1;
            var head = _v.CountedClassHeads
                .Select(h => (Head: h, At: clause.IndexOf(h, classStart, StringComparison.Ordinal)))
                .Where(x => x.At >= 0 && x.At - classStart <= 8)
                .OrderBy(x => x.At)
                .FirstOrDefault();
            if (head.Head is null) continue;
            var classPhrase = clause[classStart..(head.At + head.Head.Length)];
            if (classPhrase.Any(c => !ParseContext.IsCjk(c))) continue;
            var count = PolicyParser.ChineseNumber(clause[k..j]);
            var listEnd = k;
            if (listEnd > 0 && clause[listEnd - 1] == '等') listEnd--;
            var items = CountedItems(cs, cs + listEnd, inBracket);
            // 糯稻、全域旅游和膏盐工业三大主导产业大力发展: a counted list that opens its clause as the subject, its class an
            // industry class, defines the class's members as a bracketed list does, with no verb before it.
            var subject = items is null && !inBracket && _v.SubjectClassHeads.Any(h => classPhrase.EndsWith(h, StringComparison.Ordinal));
            if (subject) items = CountedItems(cs, cs + listEnd, true);
            // 和 or 及 joins the last two members (A、B和C三大主导产业).
            if (items is { } listed && listed.Items.Count == count - 1 && JoinedLast(listed.Items[^1]) is { } pair)
                items = ([.. listed.Items.SkipLast(1), pair.First, pair.Second], listed.Verb);
            if (items is null || items.Value.Items.Count != count) continue;
            if (subject && items.Value.Items.Any(i => i.Name.Length > 8)) continue;
            if (count == 1 && _v.TierIn(items.Value.Verb) is null) continue;
            if (items.Value.Items.Any(i => _tracks.Any(t => t.Name == i.Name))) continue;
            if (items.Value.Items.Any(i => NamesAMeans(i.Name) || i.Name.Length > 12)) continue;
            var tier = _v.TierIn(items.Value.Verb) ?? _c.TierAbove(_c.SectionAt(cs));
            foreach (var (name, pos) in items.Value.Items) AddTrack(name, pos, tier?.Code, tier?.Words);
        }
    }

    /// <summary>The two members of an item that 和, 及 or 与 joins (全域旅游和膏盐工业), each of two characters or more; or null.</summary>
    private ((string Name, int Start) First, (string Name, int Start) Second)? JoinedLast((string Name, int Start) item)
    {
        foreach (var c in _v.ObjectConjunctions)
        {
            var at = item.Name.IndexOf(c, StringComparison.Ordinal);
            if (at >= 2 && item.Name.Length - at - c.Length >= 2)
                return ((item.Name[..at], item.Start), (item.Name[(at + c.Length)..], item.Start + at + c.Length));
        }
        return null;
    }

    /// <summary>
    /// 做大“3+2”主导产业（新材料、生物医药、人工智能以及金融科技、高端物流）: a class of industries (主导产业, 产业集群…)
    /// followed by a bracketed 、-list names its members, whatever the verb. Items must be short noun phrases: a bracket
    /// holding a clause, a definition (以下简称…) or a single name gives nothing.
    /// </summary>
    private void BracketedClassLists(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is not ('（' or '(')) continue;
            var at = i;
            var head = _v.BracketedListHeads.FirstOrDefault(
                h => at - h.Length >= start && text.AsSpan(at - h.Length, h.Length).SequenceEqual(h));
            if (head is null) continue;
            var close = text.IndexOfAny(['）', ')'], i + 1);
            if (close < 0 || close >= end) continue;
            var items = new List<(string Name, int Start)>();
            var ok = true;
            foreach (var (ps, pl) in PolicyParser.SplitTopLevel(text, i + 1, close, "、"))
            {
                var (s, l) = PolicyParser.Trim(text, ps, pl);
                var chunk = text.Substring(s, l);
                // 人工智能以及金融科技: 以及 joins two members.
                var join = chunk.IndexOf("以及", StringComparison.Ordinal);
                var parts = join > 0 ? new[] { (chunk[..join], s), (chunk[(join + 2)..], s + join + 2) } : new[] { (chunk, s) };
                foreach (var (name, pos) in parts)
                {
                    if (name.Length is < 2 or > 12 || !name.All(c => ParseContext.IsCjk(c) || char.IsAsciiLetterOrDigit(c))
                        || name.Contains('的', StringComparison.Ordinal) || NamesAMeans(name)
                        || _v.TitleVerbs.Any(v => name.Contains(v, StringComparison.Ordinal))) ok = false;
                    items.Add((name, pos));
                }
            }
            if (!ok || items.Count < 2) continue;
            if (items.Count(x => _v.FieldWords.Contains(x.Name, StringComparer.Ordinal)) * 2 >= items.Count) continue;
            var tier = _c.TierAbove(_c.SectionAt(i));
            foreach (var (name, pos) in items) AddTrack(name, pos, tier?.Code, tier?.Words);
            i = close;
        }
    }

    /// <summary>
    /// The items of a list ending at <paramref name="end"/>, the first one after its verb; null when none reads as a list.
    /// </summary>
    private (List<(string Name, int Start)> Items, string Verb)? CountedItems(int start, int end, bool withoutVerb = false)
    {
        var parts = PolicyParser.SplitTopLevel(text, start, end, "、");
        var (fs, fl) = parts[0];
        var first = text.Substring(fs, fl);
        var verbEnd = -1;
        var verb = "";
        foreach (var w in _v.EnumerationVerbs)
        {
            var i = first.LastIndexOf(w, StringComparison.Ordinal);
            if (i >= 0 && i + w.Length > verbEnd && i + w.Length < first.Length)
            {
                verbEnd = i + w.Length;
                verb = first[..verbEnd];
            }
        }
        if (verbEnd < 0 && !withoutVerb) return null;
        if (verbEnd < 0) verbEnd = 0;
        parts[0] = (fs + verbEnd, fl - verbEnd);
        var items = new List<(string, int)>();
        foreach (var (ps, pl) in parts)
        {
            var (s, l) = PolicyParser.Trim(text, ps, pl);
            var name = text.Substring(s, l);
            // 6G, 5G+工业互联网: an item may hold ASCII letters and digits, never other punctuation.
            if (l < 2 || !name.All(c => ParseContext.IsCjk(c) || char.IsAsciiLetterOrDigit(c) || c == '+')) return null;
            if (_v.TitleVerbs.Any(v => name.Contains(v, StringComparison.Ordinal)) || name.Contains('的',
                StringComparison.Ordinal)) return null;
            items.Add((name, s));
        }
        return (items, verb);
    }

    /// <summary>
    /// 脑机接口及人机交互是…的前沿技术: in a document whose title names no industry, the short noun phrase that the first
    /// sentence of the body defines (X是…, X，是…) is its subject; 及/和 join two.
    /// </summary>
    private void OpeningSubject()
    {
        var start = _c.BodyStart;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\u3000')) start++;
        var stop = text.IndexOfAny(['。', '\n'], start);
        if (stop < 0) return;
        // An addressee line (各省、自治区…人民政府：) is written to organs; the opening sentence follows it.
        // 现就有关事项通知如下：: a line that ends in a lead-in is the opening sentence itself, not an addressee line.
        while (text[stop] == '\n' && _c.Sub(start, stop).TrimEnd() is { Length: > 0 } line && line[^1] is '：' or ':'
               && !_v.HeadingLeadIns.Any(w => line[..^1].EndsWith(w, StringComparison.Ordinal)))
        {
            start = stop + 1;
            while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\u3000')) start++;
            stop = text.IndexOfAny(['。', '\n'], start);
            if (stop < 0) return;
        }
        var sentence = text[start..stop];
        var be = sentence.IndexOf('是', StringComparison.Ordinal);
        // 为深入实施“人工智能+”行动: an opening that sets out a “X+” action is about X.
        var plusAt = sentence.IndexOf("+”行动", StringComparison.Ordinal);
        if ((be < 2 || be > 16) && plusAt > 0 && PlusSubject(sentence[..(plusAt + 2)]) is { } plus)
        {
            AddTrack(plus, start + plusAt - plus.Length, null, null);
            return;
        }
        if (be < 2 || be > 16)
        {
            OpeningDevelopmentSubject(sentence, start);
            return;
        }
        // Of the terms the opening paragraph defines, the one named most often (先进材料, not 材料工业 before it).
        if (MostNamedDefinition(start) is not { } defined) return;
        var (subject, pos) = defined;
        foreach (var part in subject.Split('及', '和'))
        {
            if (part.Length >= 2) AddTrack(part, pos, null, null);
            pos += part.Length + 1;
        }
    }

    /// <summary>
    /// 是…的前沿技术, 是…的新赛道和新业态: one of the 是-clauses has a definition head (技术, 业态…) in its head noun, the words
    /// after its last 的. 算力是数字经济时代的新型生产力 names 经济 only in a qualifier: a defined term, not an industry.
    /// </summary>
    private bool DefinesByHead(string predicate)
    {
        foreach (var clause in predicate.Split('，', ','))
        {
            var c = clause.TrimStart();
            if (!c.StartsWith('是')) continue;
            var head = c[(c.LastIndexOf('的') + 1)..];
            if (_v.DefinitionHeads.Any(h => head.Contains(h, StringComparison.Ordinal))) return true;
        }
        return false;
    }

    /// <summary>
    /// 为深入贯彻落实…关于推动人工智能发展的决策部署: a title-less opening that defines nothing is about what its first
    /// sentence sets out to develop (推动X发展, 促进X高质量发展), when that is a short noun phrase.
    /// </summary>
    private void OpeningDevelopmentSubject(string sentence, int start)
    {
        foreach (var verb in _v.OpeningDevelopmentVerbs)
        {
            for (var at = sentence.IndexOf(verb, StringComparison.Ordinal); at >= 0;
                 at = sentence.IndexOf(verb, at + verb.Length, StringComparison.Ordinal))
            {
                var from = at + verb.Length;
                if (InnerSubject(sentence[from..]) is not { } inner) continue;
                if (inner.Length > 10 || !inner.All(ParseContext.IsCjk) || inner.Contains('的', StringComparison.Ordinal)
                    || _v.NotNounWords.Any(w => inner.Contains(w, StringComparison.Ordinal))) continue;
                AddTrack(inner, start + from, null, null);
                return;
            }
        }
    }
}

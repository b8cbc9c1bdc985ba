namespace Fip.Policy.Text;

/// <summary>
/// The responsibility-note phase: brackets closing a task (<c>（市发改委牵头，市科技局负责）</c>), labelled lists
/// (<c>牵头单位：…</c>), standing assignments (<c>以下…均需X落实</c>), and the focus places a note labels
/// (<c>重点布局：…</c>).
/// </summary>
internal sealed class NoteReader
{
    internal sealed record Findings(IReadOnlyList<Responsibility> Responsibilities, IReadOnlyList<InheritedAssignment> Inherited,
        IReadOnlyList<PlaceFinding> Places, IReadOnlyList<UnplacedItem> Unplaced);

    private readonly ParseContext _c;
    private readonly string text;
    private readonly PolicyVocabulary _v;
    private readonly List<Responsibility> _responsibilities = [];
    private readonly List<InheritedAssignment> _inherited = [];
    private readonly List<PlaceFinding> _places = [];
    private readonly List<UnplacedItem> _unplaced = [];
    private readonly List<(int Start, int End)> _noteSpans = [];
    private bool _firstIsLead;

    private NoteReader(ParseContext context)
    {
        _c = context;
        text = context.Text;
        _v = context.Vocabulary;
    }

    public static Findings Read(ParseContext context)
    {
        var reader = new NoteReader(context);
        reader.FindNotes();
        reader.DropCutUnits();
        return new Findings(reader._responsibilities, reader._inherited, reader._places, reader._unplaced);
    }

    private void FindNotes()
    {
        var inherited = new List<ResponsibleUnit>();
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s) continue;
            var taskStart = s;
            var depth = 0;
            var open = -1;
            for (var i = s; i < e; i++)
            {
                var c = text[i];
                if (c is '（' or '(' or '〔' or '【')
                {
                    if (depth++ == 0) open = i;
                }
                else if (c is '）' or ')' or '〕' or '】' && depth > 0)
                {
                    if (--depth != 0) continue;
                    var consumed = Bracket(open, i + 1, taskStart, inherited);
                    if (consumed) taskStart = i + 1;
                }
            }
            FindLabelledUnits(s, e, taskStart, inherited);
        }
    }

    /// <summary>A unit list cut by the end of an opening (责任单位：市商务局、市发展改革) loses its cut last name.</summary>
    private void DropCutUnits()
    {
        if (_c.TruncatedFrom == int.MaxValue) return;
        var end = _c.Source.TrimEnd().Length;
        for (var i = 0; i < _responsibilities.Count; i++)
        {
            var r = _responsibilities[i];
            if (r.Units.Any(u => u.Source.Offset + u.Source.Length >= end))
                _responsibilities[i] = r with { Units = [.. r.Units.Where(u => u.Source.Offset + u.Source.Length < end)] };
        }
        _responsibilities.RemoveAll(r => r.Units.Count == 0);
    }

    private bool AtSentenceEnd(int open)
    {
        var p = open - 1;
        while (p >= 0 && (text[p] == ' ' || text[p] == '\u3000')) p--;
        if (p < 0 || text[p] == '\n') return true;
        if (ParseContext.SentenceSeparators.Contains(text[p], StringComparison.Ordinal)) return true;
        return _noteSpans.Count > 0 && _noteSpans[^1].End == p + 1;
    }

    /// <summary>A note written before the full stop: …加快发展（市发改委负责）。</summary>
    private bool ClosesSentence(int close)
    {
        var p = close;
        while (p < text.Length && (text[p] == ' ' || text[p] == '\u3000')) p++;
        return p >= text.Length || text[p] is '\n' or '\r' || ParseContext.SentenceSeparators.Contains(text[p], StringComparison.Ordinal);
    }

    /// <summary>
    /// A bracket opening with a label (<c>（责任单位：…）</c>) is a note wherever it stands: on a page that lost its full stops
    /// (<c>…配套补助,,(责任单位:市科技局)(二)…</c>) nothing else marks where the task ends.
    /// </summary>
    private bool OpensWithLabel(string inner)
    {
        foreach (var label in _v.ResponsibilityLabels.Keys)
            if (inner.StartsWith(label, StringComparison.Ordinal) && inner.Length > label.Length && inner[label.Length] is '：' or ':')
                return true;
        return false;
    }

    /// <summary>Reads the bracket [open, close); true when it was a responsibility note.</summary>
    private bool Bracket(int open, int close, int taskStart, List<ResponsibleUnit> inherited)
    {
        var innerStart = open + 1;
        var innerEnd = close - 1;
        var inner = _c.Sub(innerStart, innerEnd);
        if (inner.Length == 4 && inner.All(char.IsAsciiDigit)) return false; // 〔2024〕 of an issuing number
        foreach (var label in _v.FocusLabels)
        {
            if (inner.StartsWith(label, StringComparison.Ordinal) && inner.Length > label.Length && inner[label.Length] is '：' or ':')
            {
                PlaceReader.AddPlaceList(_c, innerStart + label.Length + 1, innerEnd, _places);
                return false;
            }
        }
        var hasVerb = _v.ResponsibilityVerbs.Any(w => inner.Contains(w, StringComparison.Ordinal))
            || _v.ResponsibilityLabels.Keys.Any(w => inner.Contains(w, StringComparison.Ordinal));
        if (!hasVerb) return false;
        if (!(AtSentenceEnd(open) || ClosesSentence(close) || OpensWithLabel(inner)) || inner.Length > 400)
        {
            _unplaced.Add(
                new UnplacedItem("bracket", "Responsibility words inside a sentence, not a note closing a task.", _c.Span(open,
                    close - open)));
            return false;
        }
        var units = ParseNote(innerStart, innerEnd, inherited);
        if (units.Count == 0)
        {
            _unplaced.Add(new UnplacedItem("note", "A note with responsibility words but no unit read from it.", _c.Span(open,
                close - open)));
            return false;
        }
        _noteSpans.Add((open, close));
        var (ts, tl) = PolicyParser.Trim(text, taskStart, open - taskStart);
        AddResponsibility(units, inherited, _c.Span(ts, tl), _c.Span(open, close - open));
        return true;
    }

    private void AddResponsibility(List<ResponsibleUnit> units, List<ResponsibleUnit> inherited, SourceSpan task, SourceSpan source)
    {
        var all = new List<ResponsibleUnit>(units);
        foreach (var u in inherited)
            if (!all.Any(x => x.Name == u.Name)) all.Add(u with { IsInherited = true });
        _responsibilities.Add(new Responsibility(all, task, _c.SectionAt(source.Offset), source));
    }

    /// <summary>
    /// Units of a note: clauses split at 。/；; labels (牵头单位：…), verbs at the end of comma parts (…负责, …牵头,
    /// …配合, …指导), 等 closing a list, 以下…均需X落实 as a standing assignment.
    /// </summary>
    private List<ResponsibleUnit> ParseNote(int start, int end, List<ResponsibleUnit> inherited)
    {
        var units = new List<ResponsibleUnit>();
        var leadFromOrder = false;
        var sawLabel = false;
        foreach (var (cs, cl) in PolicyParser.SplitTopLevel(text, start, end, "。；;"))
        {
            var (s, l) = PolicyParser.Trim(text, cs, cl);
            if (l == 0) continue;
            var clause = text.Substring(s, l);
            if (_v.FirstIsLeadPhrases.Any(p => clause.Contains(p, StringComparison.Ordinal)))
            {
                _firstIsLead = true;
                leadFromOrder = true;
                // 税务总局、财政部负责，排在第一位的部门为牵头部门，下同: the units stand before the phrase.
                var parts = PolicyParser.SplitTopLevel(text, s, s + l, "，,");
                var keep = parts.TakeWhile(
                    p => !_v.FirstIsLeadPhrases.Any(ph => text.Substring(p.Start, p.Length).Contains(ph, StringComparison.Ordinal)))
                        .ToList();
                foreach (var (ps, pl) in keep) units.AddRange(ParsePart(ps, pl, null));
                continue;
            }
            if (_v.StandingAssignmentOpenings.Any(w => clause.StartsWith(w, StringComparison.Ordinal))
                && clause.Contains('均', StringComparison.Ordinal))
            {
                ParseInherited(s, l, inherited);
                continue;
            }
            var labelled = ParseLabels(s, s + l, units);
            if (labelled) { sawLabel = true; continue; }
            foreach (var (ps, pl) in PolicyParser.SplitTopLevel(text, s, s + l, "，,"))
            {
                // (责任单位:A、B。除专门列出外,以下任务均涉及…,不再重复): after a labelled list, a sentence without a label is a
                // remark on it; only parts that read as unit names add units.
                var (us, ul) = PolicyParser.Trim(text, ps, pl);
                if (sawLabel && (ul == 0 || !ReadsAsUnitList(us, us + ul))) continue;
                units.AddRange(ParsePart(ps, pl, null));
            }
        }
        if ((_firstIsLead || leadFromOrder) && units.Count > 0 && units.All(u => u.Role == UnitRole.CoResponsible)
            && !_v.DivisionOfLabourWords.Any(w => text.AsSpan(start, end - start).Contains(w, StringComparison.Ordinal)))
            units[0] = units[0] with { Role = UnitRole.Lead };
        return units;
    }

    /// <summary>牵头单位：A、B 责任单位：C; returns true when the clause had labels.</summary>
    private bool ParseLabels(int start, int end, List<ResponsibleUnit> units)
    {
        var hits = new List<(int At, int ContentStart, UnitRole? Role, bool Place)>();
        var clause = _c.Sub(start, end);
        foreach (var (label,
            role) in _v.ResponsibilityLabels)
            for (var at = clause.IndexOf(label, StringComparison.Ordinal); at >= 0; at = clause.IndexOf(label, at + 1,
                StringComparison.Ordinal))
                if (LabelMarkLength(start + at + label.Length, end) is var mark and > 0)
                    hits.Add((start + at, start + at + label.Length + mark, role,
                        false));
        foreach (var label in _v.FocusLabels)
            for (var at = clause.IndexOf(label, StringComparison.Ordinal); at >= 0; at = clause.IndexOf(label, at + 1,
                StringComparison.Ordinal))
                if (at + label.Length < clause.Length
                    && clause[at + label.Length] is '：' or ':'
                    && !hits.Any(h => h.At <= start + at && start + at < h.ContentStart))
                    hits.Add((start + at, start + at + label.Length + 1, null, true));
        if (hits.Count == 0) return false;
        hits.Sort((a, b) => a.At.CompareTo(b.At));
        for (var i = 0; i < hits.Count; i++)
        {
            var contentEnd = i + 1 < hits.Count ? hits[i + 1].At : end;
            // Stop a label's list at the clause's comma when a comment follows (适用范围：所有自贸试验区，以下除…).
            while (contentEnd > hits[i].ContentStart && "；;，,。".Contains(text[contentEnd - 1], StringComparison.Ordinal)) contentEnd--;
            var (cs, cl) = PolicyParser.Trim(text, hits[i].ContentStart, contentEnd - hits[i].ContentStart);
            if (hits[i].Place)
            {
                var comma = _c.Sub(cs, cs + cl).IndexOfAny(['，', ',']);
                PlaceReader.AddPlaceList(_c, cs, comma >= 0 ? cs + comma : cs + cl, _places);
                continue;
            }
            foreach (var (ps, pl) in PolicyParser.SplitTopLevel(text, cs, cs + cl, "，,"))
                units.AddRange(ParsePart(ps, pl, hits[i].Role));
        }
        return true;
    }

    private void ParseInherited(int start, int length, List<ResponsibleUnit> inherited)
    {
        var clause = text.Substring(start, length);
        var from = clause.IndexOf("均需", StringComparison.Ordinal);
        var skip = 2;
        if (from < 0) { from = clause.IndexOf("均由", StringComparison.Ordinal); }
        if (from < 0) { from = clause.IndexOf('均', StringComparison.Ordinal); skip = 1; }
        var to = -1;
        foreach (var verb in _v.StandingAssignmentVerbs)
        {
            to = clause.IndexOf(verb, from + skip, StringComparison.Ordinal);
            if (to > 0) break;
        }
        if (to < 0)
        {
            _unplaced.Add(new UnplacedItem("note", "A standing assignment whose units could not be read.", _c.Span(start, length)));
            return;
        }
        var units = ParsePart(start + from + skip, to - from - skip, UnitRole.CoResponsible);
        inherited.Clear();
        inherited.AddRange(units);
        _inherited.Add(new InheritedAssignment(units, _c.Span(start, length)));
    }

    /// <summary>
    /// One comma part of a note: names separated by 、, closed by an optional 等 (with a generic tail such as
    /// 有关部门和单位) and a verb that gives the role.
    /// </summary>
    private List<ResponsibleUnit> ParsePart(int start, int length, UnitRole? role)
    {
        var result = new List<ResponsibleUnit>();
        var (s, l) = PolicyParser.Trim(text, start, length);
        var end = s + l;
        var part = text.Substring(s, l);
        if (part is "下同" or "") return result;
        if (part.EndsWith("下同", StringComparison.Ordinal)) { end -= 2; part = part[..^2]; }
        // The verb at the end fixes the role.
        var found = true;
        while (found)
        {
            found = false;
            foreach (var verb in _v.ResponsibilityVerbs)
            {
                if (part.EndsWith(verb, StringComparison.Ordinal) && part.Length > verb.Length)
                {
                    role ??= verb switch
                    {
                        "牵头" or "牵头负责" => UnitRole.Lead,
                        "指导" => UnitRole.Guide,
                        _ => UnitRole.CoResponsible,
                    };
                    end -= verb.Length;
                    part = part[..^verb.Length];
                    found = true;
                    break;
                }
            }
        }
        role ??= UnitRole.CoResponsible;
        if (part.StartsWith('由')) { s++; part = part[1..]; }
        // 等 closes a list: drop what follows when it is a generic tail; 等和X / 等及X continue with X.
        var segments = new List<(int S, int E)>();
        var segStart = s;
        var depth = 0;
        for (var i = s; i < end; i++)
        {
            var c = text[i];
            if (PolicyParser.IsOpen(c)) depth++;
            else if (PolicyParser.IsClose(c)) depth = Math.Max(0, depth - 1);
            else if (c == '等' && depth == 0)
            {
                var after = i + 1;
                var rest = _c.Sub(after, end);
                var tail = _v.GenericUnitTails.FirstOrDefault(t => rest.StartsWith(t, StringComparison.Ordinal));
                if (tail is not null) { after += tail.Length; rest = rest[tail.Length..]; }
                if (rest.Length == 0 || rest[0] is '和' or '及' or '、' or '与')
                {
                    segments.Add((segStart, i));
                    segStart = rest.Length == 0 ? end : after + 1;
                    i = segStart - 1;
                }
            }
        }
        if (segStart < end) segments.Add((segStart, end));
        foreach (var (ss, se) in segments)
        {
            foreach (var (ns, nl) in SharedHeadGroups(PolicyParser.SplitTopLevel(text, ss, se, "、")))
            {
                var (us, ul) = PolicyParser.Trim(text, ns, nl);
                // ☆经信局, ●市科技局: a list mark before a name is layout, not part of the unit.
                while (ul > 0 && char.IsSymbol(text[us])) { us++; ul--; }
                if (ul < 2 || ul > 40) continue;
                var name = text.Substring(us, ul);
                // 市直有关部门、单位: a bare class word after a name ending in another shares its qualifier; the pair is one unit.
                if (_v.UnitClassWords.Contains(name, StringComparer.Ordinal) && result.Count > 0 && result[^1] is var previous
                    && previous.Source.Offset + previous.Source.Length < us && !previous.Name.EndsWith(name, StringComparison.Ordinal)
                    && _v.UnitClassWords.Any(w => previous.Name.EndsWith(w, StringComparison.Ordinal))
                    && text.AsSpan(previous.Source.Offset + previous.Source.Length, us - previous.Source.Offset - previous.Source.Length)
                        .Trim() is "、")
                {
                    var joined = text.Substring(previous.Source.Offset, us + ul - previous.Source.Offset);
                    result[^1] = previous with
                    {
                        Name = joined,
                        CanonicalName = _v.CanonicalDepartment(joined),
                        Source = _c.Span(previous.Source.Offset, joined.Length)
                    };
                    continue;
                }
                if (_v.GenericUnitTails.Contains(name, StringComparer.Ordinal)) continue;
                if (name.Contains('：', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)) continue;
                // A unit is a name: words of a sentence (负责, 的, 由…) mean the note was not a list of units.
                if (_v.NotUnitWords.Any(w => name.Contains(w, StringComparison.Ordinal)) || ul > 30 || _c.Quantity.IsMatch(name))
                {
                    _unplaced.Add(new UnplacedItem("note", "Words in a responsibility note that do not read as a unit name.", _c.Span(us,
                        ul)));
                    continue;
                }
                result.Add(new ResponsibleUnit(name, _v.CanonicalDepartment(name), role.Value, _c.Span(us, ul)));
            }
        }
        return result;
    }

    /// <summary>
    /// 有关州、市人民政府, 各市、县人民政府: a division level written alone (州, 市, after a generic prefix or none) shares the head
    /// of the item after it, so the group is one unit as written; other items stay apart.
    /// </summary>
    private List<(int Start, int Length)> SharedHeadGroups(List<(int Start, int Length)> items)
    {
        var merged = new List<(int Start, int Length)>(items.Count);
        var group = -1;
        for (var k = 0; k < items.Count; k++)
        {
            var (s, l) = items[k];
            var (ts, tl) = PolicyParser.Trim(text, s, l);
            var bare = text.AsSpan(ts, tl);
            foreach (var prefix in _v.GenericPlacePrefixes)
                if (bare.StartsWith(prefix, StringComparison.Ordinal)) { bare = bare[prefix.Length..]; break; }
            // 各市〔州〕: a level with the levels it stands for in a bracket after it is a level alone too.
            if (bare.Length >= 3 && PolicyParser.IsOpen(bare[1]) && PolicyParser.IsClose(bare[^1])
                && bare[2..^1].ToString().All(c => c == '、' || DivisionLevels.Contains(c, StringComparison.Ordinal)))
                bare = bare[..1];
            if (bare.Length == 1 && DivisionLevels.Contains(bare[0], StringComparison.Ordinal) && k + 1 < items.Count)
            {
                if (group < 0) group = s;
                continue;
            }
            merged.Add(group < 0 ? (s, l) : (group, s + l - group));
            group = -1;
        }
        return merged;
    }

    /// <summary>
    /// The length of what introduces a label's units at <paramref name="at"/>: a colon, or a copula written as a sentence
    /// (<c>责任单位均为市商务局</c>, <c>labelCopulas</c>); 0 when neither stands there.
    /// </summary>
    private int LabelMarkLength(int at, int end)
    {
        if (at >= end) return 0;
        if (text[at] is '：' or ':') return 1;
        foreach (var copula in _v.LabelCopulas)
            if (at + copula.Length < end && string.CompareOrdinal(text, at, copula, 0, copula.Length) == 0) return copula.Length;
        return 0;
    }

    /// <summary>The characters that name a level of division (省, 市, 州, 县…): a level alone shares the next item's head.</summary>
    private const string DivisionLevels = "省市州盟县区旗乡镇";

    /// <summary>牵头单位：A、B。 责任单位：C、D written as lines or sentences outside brackets.</summary>
    private void FindLabelledUnits(int s, int e, int taskStart, List<ResponsibleUnit> inherited)
    {
        var line = _c.Sub(s, e);
        var first = -1;
        foreach (var label in _v.ResponsibilityLabels.Keys)
        {
            var at = line.IndexOf(label, StringComparison.Ordinal);
            if (at >= 0 && LabelMarkLength(s + at + label.Length, e) > 0
                && !_noteSpans.Any(n => n.Start <= s + at && s + at < n.End) && (first < 0 || at < first))
                first = at;
        }
        if (first < 0) return;
        var units = new List<ResponsibleUnit>();
        var end = LabelledRunEnd(s + first, e);
        ParseLabels(s + first, end, units);
        if (units.Count == 0) return;
        _noteSpans.Add((s + first, end));
        var (ts, tl) = PolicyParser.Trim(text, taskStart, Math.Max(0, s + first - taskStart));
        if (tl == 0)
        {
            // 牵头单位：… on a line of its own closes the task written on the line before.
            var lines = _c.Lines;
            var li = -1;
            for (var k = 0; k < lines.Count; k++) if (lines[k].Start == s) { li = k; break; }
            for (var k = li - 1; k >= 0; k--)
                if (lines[k].End > lines[k].Start) { (ts, tl) = (lines[k].Start, lines[k].End - lines[k].Start); break; }
        }
        AddResponsibility(units, inherited, _c.Span(ts, tl), _c.Span(s + first, end - (s + first)));
    }

    /// <summary>
    /// Where a labelled unit list outside brackets ends: at 。, at a closing bracket it did not open (the bracket's opening
    /// was lost), at a numbered heading mark (a page that lost its line breaks), or at the first comma part that is not a
    /// list of unit names (a subsidy clause, a task): a unit name ends in a unit suffix (局, 委, 办, 政府, 管委会…) and is short.
    /// </summary>
    private int LabelledRunEnd(int from, int lineEnd)
    {
        var colon = from;
        while (colon < lineEnd && LabelMarkLength(colon, lineEnd) == 0) colon++;
        // A copula (均为) marks the list as a colon does: the list starts after its last character.
        if (colon < lineEnd) colon += LabelMarkLength(colon, lineEnd) - 1;
        var depth = 0;
        var partStart = colon + 1;
        for (var i = colon + 1; i < lineEnd; i++)
        {
            var c = text[i];
            if (c == '。') return EndOfUnitParts(colon + 1, i);
            if (PolicyParser.IsOpen(c))
            {
                if (depth == 0 && OutlineReader.IsHeadingMarkAt(_c, i)) return EndOfUnitParts(colon + 1, i);
                depth++;
            }
            else if (PolicyParser.IsClose(c))
            {
                if (depth == 0) return EndOfUnitParts(colon + 1, i);
                depth--;
            }
            else if (depth == 0 && OutlineReader.IsHeadingMarkAt(_c, i) && i > partStart) return EndOfUnitParts(colon + 1, i);
            if (c is '，' or ',' or '；' or ';') partStart = i + 1;
        }
        return EndOfUnitParts(colon + 1, lineEnd);
    }

    /// <summary>The end of the leading comma parts of [start, end) that read as unit names.</summary>
    private int EndOfUnitParts(int start, int end)
    {
        var last = start;
        foreach (var (ps, pl) in PolicyParser.SplitTopLevel(text, start, end, "，,；;"))
        {
            var (s, l) = PolicyParser.Trim(text, ps, pl);
            if (l == 0) { last = ps + pl; continue; }
            if (!ReadsAsUnitList(s, s + l)) break;
            last = s + l;
        }
        return Math.Max(start, last);
    }

    /// <summary>Every 、-item of [start, end) ends in a unit suffix (a responsibility verb or 等 + a generic tail may follow).</summary>
    private bool ReadsAsUnitList(int start, int end)
    {
        var part = _c.Sub(start, end);
        foreach (var verb in _v.ResponsibilityVerbs)
            if (part.EndsWith(verb, StringComparison.Ordinal) && part.Length > verb.Length) { part = part[..^verb.Length]; break; }
        var etc = part.IndexOf('等', StringComparison.Ordinal);
        if (etc > 0) part = part[..etc];
        var items = part.Split('、', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // A list the opening cuts (责任单位:市商务局、市发展改革) keeps its whole names; DropCutUnits drops the cut one.
        var cut = _c.TruncatedFrom != int.MaxValue && end >= _c.Source.TrimEnd().Length;
        for (var k = 0; k < items.Length; k++)
            if (!IsUnitName(items[k]) && !(cut && k == items.Length - 1 && k > 0)) return false;
        return true;
    }

    internal static bool IsUnitName(string name, PolicyVocabulary v) =>
        name.Length is >= 2 and <= 30
        && v.UnitSuffixes.Any(x => name.EndsWith(x, StringComparison.Ordinal))
        && !v.NotUnitWords.Any(w => name.Contains(w, StringComparison.Ordinal))
        && !name.Any(char.IsAsciiDigit);

    private bool IsUnitName(string name) => IsUnitName(name, _v);
}

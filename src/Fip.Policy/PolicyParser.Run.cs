using System.Globalization;

namespace Fip.Policy;

public sealed partial class PolicyParser
{
    /// <summary>The state of one parse: the text, its lines and what has been found so far.</summary>
    private sealed class Run(PolicyParser parser, string source)
    {
        /// <summary>
        /// The text the rules match on: the source with full-width digits and ％ mapped one-to-one to ASCII and Traditional
        /// characters to Simplified (<c>traditional.txt</c>), so every offset is the same in both; quotes are always cut
        /// from <c>source</c>, and names are given back as written (<see cref="AsWritten"/>).
        /// </summary>
        private readonly string text = MatchingText(source, parser._v.Simplified);
        private const string ClauseSeparators = "，,；;。：:！？!?";
        private const string SentenceSeparators = "。；;！？!?";
        private readonly PolicyVocabulary _v = parser._v;
        private readonly List<(int Start, int End)> _lines = [];
        private readonly List<OutlineHeading> _outline = [];
        private readonly List<PolicyTarget> _targets = [];
        private readonly List<Responsibility> _responsibilities = [];
        private readonly List<InheritedAssignment> _inherited = [];
        private readonly List<TrackBuilder> _tracks = [];
        private readonly List<FocusPlace> _places = [];
        private readonly List<ReferencedDocument> _references = [];
        private readonly List<UnplacedItem> _unplaced = [];
        private readonly HashSet<string> _umbrellas = new(StringComparer.Ordinal);
        private readonly List<(int Start, int End)> _noteSpans = [];
        private bool _firstIsLead;
        private int _bodyStart;
        private int _truncatedFrom = int.MaxValue;

        private sealed class TrackBuilder(string name, string? tierCode, string? tierWords, SourceSpan source)
        {
            public string Name { get; } = name;
            public string? TierCode { get; set; } = tierCode;
            public string? TierWords { get; set; } = tierWords;
            public SourceSpan Source { get; } = source;
            public List<FocusPlace> Places { get; } = [];
            public List<ChainElement> Chain { get; } = [];
            public int ParagraphStart { get; set; } = -1;
            public int ParagraphEnd { get; set; } = -1;
        }

        public PolicyDraft Execute()
        {
            SplitLines();
            FindTruncation();
            var (title, titleSpan) = FindTitle();
            var issuing = FindIssuingNumber();
            FindReferences();
            FindHeadings();
            FindTracks(title);
            FindNotes();
            FindTargets();
            FindPlaces();
            // A unit list cut by the end of an opening (责任单位：市商务局、市发展改革) loses its cut last name.
            if (_truncatedFrom < int.MaxValue)
            {
                var end = source.TrimEnd().Length;
                for (var i = 0; i < _responsibilities.Count; i++)
                {
                    var r = _responsibilities[i];
                    if (r.Units.Any(u => u.Source.Offset + u.Source.Length >= end))
                        _responsibilities[i] = r with { Units = [.. r.Units.Where(u => u.Source.Offset + u.Source.Length < end)] };
                }
                _responsibilities.RemoveAll(r => r.Units.Count == 0);
            }
            FocusPlace Place(FocusPlace p) => p with { Name = AsWritten(p.Name) };
            ResponsibleUnit Unit(ResponsibleUnit u) => u with { Name = AsWritten(u.Name) };
            var tracks = _tracks
                .Where(t => !_umbrellas.Contains(t.Name))
                .Select(t => new PolicyTrack(AsWritten(t.Name), t.TierCode, t.TierWords, [.. t.Places.Select(Place)],
                    [.. t.Chain.Select(c => c with { Name = AsWritten(c.Name) })], t.Source))
                .ToList();
            return new PolicyDraft(source, AsWritten(title), titleSpan, issuing, [.. _outline],
                [.. _targets.Select(t => t with { Indicator = AsWritten(t.Indicator), Unit = AsWritten(t.Unit) })],
                [.. _responsibilities.Select(r => r with { Units = [.. r.Units.Select(Unit)] })],
                [.. _inherited.Select(a => a with { Units = [.. a.Units.Select(Unit)] })], tracks, [.. _places.Select(Place)],
                [.. _references], [.. _unplaced]);
        }

        private SourceSpan Span(int start, int length) => SourceSpan.Of(source, start, length);

        private static string MatchingText(string s, IReadOnlyDictionary<char, char> simplified)
        {
            static char Map(char c, IReadOnlyDictionary<char, char> simplified) =>
                c is >= '\uFF10' and <= '\uFF19' ? (char)(c - '\uFF10' + '0')
                : c == '％' ? '%'
                : simplified.TryGetValue(c, out var sc) ? sc : c;
            var changed = false;
            foreach (var c in s)
                if (Map(c, simplified) != c) { changed = true; break; }
            if (!changed) return s;
            return string.Create(s.Length, (s, simplified), (span, st) =>
            {
                for (var i = 0; i < st.s.Length; i++) span[i] = Map(st.s[i], st.simplified);
            });
        }

        /// <summary>
        /// A name read from the matching text, given back as the source writes it (國家 stays 國家, ５０ stays ５０): the
        /// same characters at the offset of its first occurrence in the matching text.
        /// </summary>
        private string AsWritten(string name)
        {
            if (ReferenceEquals(text, source) || name.Length == 0) return name;
            var at = text.IndexOf(name, StringComparison.Ordinal);
            return at >= 0 ? source.Substring(at, name.Length) : name;
        }

        private string Sub(int start, int end) => text[start..end];

        private void SplitLines()
        {
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '\n')
                {
                    var end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                    var (s, l) = Trim(text, start, end - start);
                    _lines.Add((s, s + l));
                    start = i + 1;
                }
            }
        }

        /// <summary>An opening cut mid-sentence: the clause running into the end of the text states nothing reliable.</summary>
        private void FindTruncation()
        {
            var end = text.Length;
            while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == '\u3000')) end--;
            if (end == 0) return;
            if ("。；;！？!?）)〕”】》".Contains(text[end - 1], StringComparison.Ordinal)) return;
            var from = end - 1;
            while (from > 0 && !ClauseSeparators.Contains(text[from - 1], StringComparison.Ordinal) && text[from - 1] != '\n') from--;
            _truncatedFrom = from;
            _unplaced.Add(
                new UnplacedItem("truncated", "The text ends mid-sentence; the last clause is not read.", Span(from, end - from)));
        }

        // --- title, issuing number, references ----------------------------------------------------------------

        private (string, SourceSpan?) FindTitle()
        {
            // 文件名称:《…》 in a metadata header.
            for (var i = 0; i < Math.Min(_lines.Count, 8); i++)
            {
                var (s, e) = _lines[i];
                var line = Sub(s, e);
                if (line.StartsWith("文件名称", StringComparison.Ordinal) || line.StartsWith("标题", StringComparison.Ordinal))
                {
                    var open = line.IndexOf('《', StringComparison.Ordinal);
                    var close = line.LastIndexOf('》');
                    if (open >= 0 && close > open) return (line[(open + 1)..close], Span(s + open + 1, close - open - 1));
                }
            }
            // The first lines until the issuing number, the addressees (…：) or body text; a title may wrap over lines.
            var parts = new List<(int S, int E)>();
            for (var i = 0; i < _lines.Count && parts.Count < 4; i++)
            {
                var (s, e) = _lines[i];
                if (e == s) { if (parts.Count > 0) break; continue; }
                var line = Sub(s, e);
                var isNumber = IssuingNumberPattern().IsMatch(line) && line.Length < 30;
                if (isNumber || line.EndsWith('：') || line.EndsWith(':') || line.Contains('。', StringComparison.Ordinal)
                    || line.Contains('，', StringComparison.Ordinal) || line.Length > 60 || IsHeadingLine(line))
                {
                    if (parts.Count > 0 || !isNumber) break;
                    continue; // a notice may open with its number
                }
                parts.Add((s, e));
            }
            if (parts.Count > 0)
            {
                var title = string.Concat(parts.Select(p => Sub(p.S, p.E)));
                _bodyStart = parts[^1].E;
                return (title, Span(parts[0].S, parts[^1].E - parts[0].S));
            }
            // A notice that opens with its number: 现将《…》印发.
            var m = ReferencePattern().Match(text);
            return m.Success ? (m.Groups["t"].Value, Span(m.Groups["t"].Index, m.Groups["t"].Length)) : ("", null);
        }

        private SourceSpan? FindIssuingNumber()
        {
            for (var i = 0; i < Math.Min(_lines.Count, 10); i++)
            {
                var (s, e) = _lines[i];
                var m = IssuingNumberPattern().Match(text, s, e - s);
                if (m.Success && (e - s) < 40 && !Sub(s, e).Contains('《', StringComparison.Ordinal)) return Span(m.Index, m.Length);
            }
            return null;
        }

        private void FindReferences()
        {
            foreach (System.Text.RegularExpressions.Match m in ReferencePattern().Matches(text))
            {
                var number = m.Groups["n"].Success ? m.Groups["n"].Value : null;
                _references.Add(new ReferencedDocument(m.Groups["t"].Value, number, Span(m.Index, m.Length)));
            }
        }

        // --- outline ------------------------------------------------------------------------------------------

        private static bool IsHeadingLine(string line) =>
            Level1().IsMatch(line) || Level2().IsMatch(line) || Level3().IsMatch(line) || Level4().IsMatch(line);

        private void FindHeadings()
        {
            for (var li = 0; li < _lines.Count; li++)
            {
                var (s, e) = _lines[li];
                if (e <= s || s < _bodyStart) continue;
                var line = Sub(s, e);
                HeadingStyle style;
                System.Text.RegularExpressions.Match m;
                if ((m = Level1().Match(line)).Success) style = HeadingStyle.ChineseNumeral;
                else if ((m = Level2().Match(line)).Success) style = HeadingStyle.ParenthesizedChineseNumeral;
                else if ((m = Level4().Match(line)).Success) style = HeadingStyle.ParenthesizedArabicNumeral;
                else if ((m = Level3().Match(line)).Success) style = HeadingStyle.ArabicNumeral;
                else continue;
                var marker = m.Value;
                var digits =
                    new string([.. marker.Where(c => char.IsAsciiDigit(c) || "零一二三四五六七八九十百".Contains(c, StringComparison.Ordinal))]);
                var rest = s + m.Length;
                var stop = text.IndexOf('。', rest, e - rest);
                var titleEnd = stop >= 0 ? stop : e;
                var (ts, tl) = Trim(text, rest, titleEnd - rest);
                if (tl == 0) continue;
                var inline = stop >= 0 && stop + 1 < e;
                var level = style switch
                {
                    HeadingStyle.ChineseNumeral => 1,
                    HeadingStyle.ParenthesizedChineseNumeral => 2,
                    HeadingStyle.ArabicNumeral => 3,
                    _ => 4,
                };
                _outline.Add(
                    new OutlineHeading(level, ChineseNumber(digits), marker, text.Substring(ts, tl), style, inline, false,
                        Span(s, ts + tl - s)));
            }
            // A （1） where the level-2 sequence starts, followed by （二）: a misnumbered level-2 heading.
            for (var i = 0; i < _outline.Count; i++)
            {
                var h = _outline[i];
                if (h.Style != HeadingStyle.ParenthesizedArabicNumeral) continue;
                var previousSibling = false;
                for (var j = i - 1; j >= 0 && _outline[j].Level > 1; j--)
                    if (_outline[j].Level == 2) { previousSibling = true; break; }
                if (previousSibling) continue;
                for (var j = i + 1; j < _outline.Count && _outline[j].Level > 1; j++)
                {
                    if (_outline[j].Level == 4 && _outline[j].Style == HeadingStyle.ParenthesizedArabicNumeral) break;
                    if (_outline[j].Level == 2)
                    {
                        if (_outline[j].Number == h.Number + 1) _outline[i] = h with { Level = 2, IsMisnumbered = true };
                        break;
                    }
                }
            }
        }

        /// <summary>Index of the innermost heading at or before <paramref name="offset"/>, or -1.</summary>
        private int SectionAt(int offset)
        {
            int lo = 0, hi = _outline.Count - 1, found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (_outline[mid].Source.Offset <= offset) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            return found;
        }

        /// <summary>The headings enclosing <paramref name="index"/>, innermost first.</summary>
        private IEnumerable<OutlineHeading> Ancestors(int index)
        {
            if (index < 0) yield break;
            var level = int.MaxValue;
            for (var i = index; i >= 0; i--)
            {
                if (_outline[i].Level < level)
                {
                    level = _outline[i].Level;
                    yield return _outline[i];
                    if (level == 1) yield break;
                }
            }
        }

        // --- responsibility notes -----------------------------------------------------------------------------

        private void FindNotes()
        {
            var inherited = new List<ResponsibleUnit>();
            foreach (var (s, e) in _lines)
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

        private bool AtSentenceEnd(int open)
        {
            var p = open - 1;
            while (p >= 0 && (text[p] == ' ' || text[p] == '\u3000')) p--;
            if (p < 0 || text[p] == '\n') return true;
            if (SentenceSeparators.Contains(text[p], StringComparison.Ordinal)) return true;
            return _noteSpans.Count > 0 && _noteSpans[^1].End == p + 1;
        }

        /// <summary>A note written before the full stop: …加快发展（市发改委负责）。</summary>
        private bool ClosesSentence(int close)
        {
            var p = close;
            while (p < text.Length && (text[p] == ' ' || text[p] == '\u3000')) p++;
            return p >= text.Length || text[p] is '\n' or '\r' || SentenceSeparators.Contains(text[p], StringComparison.Ordinal);
        }

        /// <summary>Reads the bracket [open, close); true when it was a responsibility note.</summary>
        private bool Bracket(int open, int close, int taskStart, List<ResponsibleUnit> inherited)
        {
            var innerStart = open + 1;
            var innerEnd = close - 1;
            var inner = Sub(innerStart, innerEnd);
            if (inner.Length == 4 && inner.All(char.IsAsciiDigit)) return false; // 〔2024〕 of an issuing number
            foreach (var label in _v.FocusLabels)
            {
                if (inner.StartsWith(label, StringComparison.Ordinal) && inner.Length > label.Length && inner[label.Length] is '：' or ':')
                {
                    AddPlaceList(innerStart + label.Length + 1, innerEnd, null);
                    return false;
                }
            }
            var hasVerb = _v.ResponsibilityVerbs.Any(w => inner.Contains(w, StringComparison.Ordinal))
                || _v.ResponsibilityLabels.Keys.Any(w => inner.Contains(w, StringComparison.Ordinal));
            if (!hasVerb) return false;
            if (!(AtSentenceEnd(open) || ClosesSentence(close)) || inner.Length > 400)
            {
                _unplaced.Add(
                    new UnplacedItem("bracket", "Responsibility words inside a sentence, not a note closing a task.",
                        Span(open, close - open)));
                return false;
            }
            var units = ParseNote(innerStart, innerEnd, inherited);
            if (units.Count == 0)
            {
                _unplaced.Add(
                    new UnplacedItem("note", "A note with responsibility words but no unit read from it.", Span(open, close - open)));
                return false;
            }
            _noteSpans.Add((open, close));
            var (ts, tl) = Trim(text, taskStart, open - taskStart);
            AddResponsibility(units, inherited, Span(ts, tl), Span(open, close - open));
            return true;
        }

        private void AddResponsibility(List<ResponsibleUnit> units, List<ResponsibleUnit> inherited, SourceSpan task, SourceSpan source)
        {
            var all = new List<ResponsibleUnit>(units);
            foreach (var u in inherited)
                if (!all.Any(x => x.Name == u.Name)) all.Add(u with { IsInherited = true });
            _responsibilities.Add(new Responsibility(all, task, SectionAt(source.Offset), source));
        }

        /// <summary>
        /// Units of a note: clauses split at 。/；; labels (牵头单位：…), verbs at the end of comma parts (…负责, …牵头,
        /// …配合, …指导), 等 closing a list, 以下…均需X落实 as a standing assignment.
        /// </summary>
        private List<ResponsibleUnit> ParseNote(int start, int end, List<ResponsibleUnit> inherited)
        {
            var units = new List<ResponsibleUnit>();
            var leadFromOrder = false;
            foreach (var (cs, cl) in SplitTopLevel(text, start, end, "。；;"))
            {
                var (s, l) = Trim(text, cs, cl);
                if (l == 0) continue;
                var clause = text.Substring(s, l);
                if (_v.FirstIsLeadPhrases.Any(p => clause.Contains(p, StringComparison.Ordinal)))
                {
                    _firstIsLead = true;
                    leadFromOrder = true;
                    // 税务总局、财政部负责，排在第一位的部门为牵头部门，下同: the units stand before the phrase.
                    var parts = SplitTopLevel(text, s, s + l, "，,");
                    var keep =
                        parts.TakeWhile(
                            p =>
                                !_v.FirstIsLeadPhrases.Any(
                                    ph => text.Substring(p.Start, p.Length).Contains(ph, StringComparison.Ordinal))).ToList();
                    foreach (var (ps, pl) in keep) units.AddRange(ParsePart(ps, pl, null));
                    continue;
                }
                if (clause.StartsWith("以下", StringComparison.Ordinal) && clause.Contains('均', StringComparison.Ordinal))
                {
                    ParseInherited(s, l, inherited);
                    continue;
                }
                var labelled = ParseLabels(s, s + l, units);
                if (labelled) continue;
                foreach (var (ps, pl) in SplitTopLevel(text, s, s + l, "，,"))
                    units.AddRange(ParsePart(ps, pl, null));
            }
            if ((_firstIsLead || leadFromOrder) && units.Count > 0 && units.All(u => u.Role == UnitRole.CoResponsible)
                && !text.AsSpan(start, end - start).Contains("分工", StringComparison.Ordinal))
                units[0] = units[0] with { Role = UnitRole.Lead };
            return units;
        }

        /// <summary>牵头单位：A、B 责任单位：C; returns true when the clause had labels.</summary>
        private bool ParseLabels(int start, int end, List<ResponsibleUnit> units)
        {
            var hits = new List<(int At, int ContentStart, UnitRole? Role, bool Place)>();
            var clause = Sub(start, end);
            foreach (var (label, role) in _v.ResponsibilityLabels)
                for (var at = clause.IndexOf(label, StringComparison.Ordinal); at >= 0; at = clause.IndexOf(label, at + 1,
                    StringComparison.Ordinal))
                    if (at + label.Length < clause.Length && clause[at + label.Length] is '：' or ':')
                        hits.Add((start + at, start + at + label.Length + 1, role, false));
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
                var (cs, cl) = Trim(text, hits[i].ContentStart, contentEnd - hits[i].ContentStart);
                if (hits[i].Place)
                {
                    var comma = Sub(cs, cs + cl).IndexOfAny(['，', ',']);
                    AddPlaceList(cs, comma >= 0 ? cs + comma : cs + cl, null);
                    continue;
                }
                foreach (var (ps, pl) in SplitTopLevel(text, cs, cs + cl, "，,"))
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
            foreach (var verb in new[] { "负责落实", "落实", "负责", "承担" })
            {
                to = clause.IndexOf(verb, from + skip, StringComparison.Ordinal);
                if (to > 0) break;
            }
            if (to < 0)
            {
                _unplaced.Add(new UnplacedItem("note", "A standing assignment whose units could not be read.", Span(start, length)));
                return;
            }
            var units = ParsePart(start + from + skip, to - from - skip, UnitRole.CoResponsible);
            inherited.Clear();
            inherited.AddRange(units);
            _inherited.Add(new InheritedAssignment(units, Span(start, length)));
        }

        /// <summary>
        /// One comma part of a note: names separated by 、, closed by an optional 等 (with a generic tail such as
        /// 有关部门和单位) and a verb that gives the role.
        /// </summary>
        private List<ResponsibleUnit> ParsePart(int start, int length, UnitRole? role)
        {
            var result = new List<ResponsibleUnit>();
            var (s, l) = Trim(text, start, length);
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
                if (IsOpen(c)) depth++;
                else if (IsClose(c)) depth = Math.Max(0, depth - 1);
                else if (c == '等' && depth == 0)
                {
                    var after = i + 1;
                    var rest = Sub(after, end);
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
                foreach (var (ns, nl) in SplitTopLevel(text, ss, se, "、"))
                {
                    var (us, ul) = Trim(text, ns, nl);
                    if (ul < 2 || ul > 40) continue;
                    var name = text.Substring(us, ul);
                    if (_v.GenericUnitTails.Contains(name, StringComparer.Ordinal)) continue;
                    if (name.Contains('：', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)) continue;
                    // A unit is a name: words of a sentence (负责, 的, 由…) mean the note was not a list of units.
                    if (NotUnitWords.Any(w => name.Contains(w, StringComparison.Ordinal)) || ul > 30)
                    {
                        _unplaced.Add(
                            new UnplacedItem("note", "Words in a responsibility note that do not read as a unit name.", Span(us, ul)));
                        continue;
                    }
                    result.Add(new ResponsibleUnit(name, _v.CanonicalDepartment(name), role.Value, Span(us, ul)));
                }
            }
            return result;
        }

        private static readonly string[] NotUnitWords = ["负责", "牵头", "落实", "配合", "的", "。", "由", "解释", "根据", "按照"];

        /// <summary>牵头单位：A、B。 责任单位：C、D written as lines or sentences outside brackets.</summary>
        private void FindLabelledUnits(int s, int e, int taskStart, List<ResponsibleUnit> inherited)
        {
            var line = Sub(s, e);
            var first = -1;
            foreach (var label in _v.ResponsibilityLabels.Keys)
            {
                var at = line.IndexOf(label, StringComparison.Ordinal);
                if (at >= 0 && at + label.Length < line.Length && line[at + label.Length] is '：' or ':'
                    && !_noteSpans.Any(n => n.Start <= s + at && s + at < n.End) && (first < 0 || at < first))
                    first = at;
            }
            if (first < 0) return;
            var units = new List<ResponsibleUnit>();
            var stop = line.IndexOf('。', first);
            var end = stop >= 0 ? s + stop : e;
            ParseLabels(s + first, end, units);
            if (units.Count == 0) return;
            _noteSpans.Add((s + first, end));
            var (ts, tl) = Trim(text, taskStart, Math.Max(0, s + first - taskStart));
            if (tl == 0)
            {
                // 牵头单位：… on a line of its own closes the task written on the line before.
                var li = _lines.FindIndex(l => l.Start == s);
                for (var k = li - 1; k >= 0; k--)
                    if (_lines[k].End > _lines[k].Start) { (ts, tl) = (_lines[k].Start, _lines[k].End - _lines[k].Start); break; }
            }
            AddResponsibility(units, inherited, Span(ts, tl), Span(s + first, end - (s + first)));
        }

        // --- places -------------------------------------------------------------------------------------------

        private void AddPlaceList(int start, int end, TrackBuilder? track)
        {
            foreach (var (ps, pl) in SplitTopLevel(text, start, end, "、，,；;"))
            {
                var (s, l) = Trim(text, ps, pl);
                var name = text.Substring(s, l).TrimEnd('等');
                if (name.Length < 2 || _v.GenericPlacePrefixes.Any(g => name.StartsWith(g, StringComparison.Ordinal))) continue;
                if (name.Contains("以下", StringComparison.Ordinal)) continue;
                var place = new FocusPlace(name, _v.CanonicalPlace(name), Span(s, name.Length));
                AddPlace(place);
                track ??= TrackAt(s);
                if (track is not null && !track.Places.Any(p => p.Name == name)) track.Places.Add(place);
            }
        }

        private void AddPlace(FocusPlace place)
        {
            if (!_places.Any(p => p.Name == place.Name)) _places.Add(place);
        }

        private TrackBuilder? TrackAt(int offset) =>
            _tracks.LastOrDefault(t => t.ParagraphStart >= 0 && t.ParagraphStart <= offset && offset < t.ParagraphEnd);


        /// <summary>
        /// Region phrases (双季稻地区, 中西部地区, 丘陵山区) named as objects of support, and area lists such as
        /// 以A、B等试点片区为支撑.
        /// </summary>
        private void FindPlaces()
        {
            var regions = new List<FocusPlace>();
            foreach (var head in _v.RegionHeads)
            {
                for (var at = text.IndexOf(head, _bodyStart, StringComparison.Ordinal); at >= 0; at = text.IndexOf(head, at + head.Length,
                    StringComparison.Ordinal))
                {
                    if (at >= _truncatedFrom) break;
                    // The longest qualifier (up to 6 characters, no boundary word inside) that stands right after a
                    // delimiter or a boundary word: 着力提升|双季稻地区, 向|中西部地区, 、|长江中下游地区.
                    var best = -1;
                    for (var len = 1; len <= 6 && at - len >= 0; len++)
                    {
                        var from = at - len;
                        if (!IsCjk(text[from])) break;
                        var q = Sub(from, at);
                        if (_v.PlaceBoundaryWords.Any(b => q.Contains(b, StringComparison.Ordinal))) break;
                        var leftOk = from == 0
                            || !IsCjk(text[from - 1])
                            || _v.PlaceBoundaryWords.Any(
                                b => from - b.Length >= 0 && text.AsSpan(from - b.Length, b.Length).SequenceEqual(b));
                        if (leftOk) best = from;
                    }
                    if (best < 0) continue;
                    var prefix = Sub(best, at);
                    if (_v.GenericPlacePrefixes.Any(
                        g => prefix.StartsWith(g, StringComparison.Ordinal) || prefix.EndsWith(g, StringComparison.Ordinal))
                        || _v.GenericPlaceWords.Any(g => prefix.Contains(g, StringComparison.Ordinal))) continue;
                    // 赋予广州地区: a qualifier that runs past a division name into the words before it crosses a verb.
                    var division = _v.Gazetteer.SuffixOf(prefix);
                    if (division is not null && division.Length < prefix.Length) continue;
                    var name = prefix + head;
                    regions.Add(new FocusPlace(name, _v.CanonicalPlace(name), Span(best, name.Length)));
                }
            }
            // 拓宽贫困地区 beside 贫困地区: the shorter phrase is the place, the longer one carries a verb.
            foreach (var r in regions)
                if (!regions.Any(o => o.Name.Length < r.Name.Length && r.Name.EndsWith(o.Name, StringComparison.Ordinal)))
                    AddPlace(r);
            FindGazetteerPlaces();
            // 以A、B等试点片区为支撑 / 为重点 / 为载体.
            foreach (var cls in _v.AreaClassWords)
            {
                for (var at = text.IndexOf("等", _bodyStart, StringComparison.Ordinal); at >= 0; at = text.IndexOf('等', at + 1))
                {
                    var tailStart = at + 1;
                    var tail = text.AsSpan(tailStart, Math.Min(12, text.Length - tailStart));
                    var ci = tail.IndexOf(cls, StringComparison.Ordinal);
                    if (ci < 0 || ci > 6) continue;
                    var after = tail[(ci + cls.Length)..];
                    if (!after.StartsWith("为", StringComparison.Ordinal)) continue;
                    var open = text.LastIndexOf('以', at);
                    if (open < 0 || at - open > 80 || Sub(open, at).IndexOfAny(['，', '。', '；']) >= 0) continue;
                    AddPlaceList(open + 1, at, null);
                }
            }
        }

        /// <summary>
        /// Places from the national gazetteer: a 、-list of two or more division or area names (支持广州、深圳、珠海等市,
        /// 在延庆、平谷、密云、房山等有条件的区, 以成都高新区、成都经开区为辐射区), the first read back from its clause's verb
        /// and the last up to 等; and a single area name that opens with a division name (苏州工业园区, 成都高新区) right
        /// after a layout word (依托, 布局…). A division named alone (the issuing city) is not a focus place.
        /// </summary>
        private void FindGazetteerPlaces()
        {
            var end = Math.Min(text.Length, _truncatedFrom);
            // The addressees (各市（含定州、辛集市）人民政府…：, 苏州工业园区、苏州高新区…管委会：) are organs written to, not places.
            var addressees = _lines
                .Where(l => text[l.Start..l.End].TrimEnd() is { Length: > 0 } line && (line[^1] == '：' || line[^1] == ':'))
                .ToList();
            var start = _bodyStart;
            for (var i = _bodyStart; i <= end; i++)
            {
                if (i < end && !ClauseSeparators.Contains(text[i], StringComparison.Ordinal) && text[i] != '\n') continue;
                var clauseStart = start;
                if (i > start && !addressees.Any(l => l.Start <= clauseStart && clauseStart < l.End)) ReadPlaceList(start, i);
                start = i + 1;
            }
            foreach (var head in _v.AreaNameHeads)
                for (var at = text.IndexOf(head, _bodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                    at = text.IndexOf(head, at + head.Length, StringComparison.Ordinal))
                {
                    string? best = null;
                    var bestStart = -1;
                    for (var from = at - 1; from >= Math.Max(0, at - 12) && IsCjk(text[from]); from--)
                    {
                        var candidate = Sub(from, at + head.Length);
                        if (IsAreaName(candidate) && _v.LayoutWords.Any(w => EndsAt(from, w))) (best, bestStart) = (candidate, from);
                    }
                    if (best is not null) AddPlace(new FocusPlace(best, _v.CanonicalPlace(best), Span(bestStart, best.Length)));
                }
        }

        private bool EndsAt(int offset, string word) =>
            offset - word.Length >= 0 && text.AsSpan(offset - word.Length, word.Length).SequenceEqual(word);

        private void ReadPlaceList(int start, int end)
        {
            var items = new List<(int S, int L)>();
            var s = start;
            for (var i = start; i <= end; i++)
                if (i == end || text[i] == '、') { items.Add((s, i - s)); s = i + 1; }
            if (items.Count < 2) return;
            var found = new List<(int S, int L)>();
            for (var k = 0; k < items.Count; k++)
            {
                var (itemStart, itemLength) = Trim(text, items[k].S, items[k].L);
                var item = text.Substring(itemStart, itemLength);
                (int S, int L)? hit = null;
                if (k == 0)
                {
                    // The first item is read back from the end: 支持|广州.
                    for (var len = Math.Min(item.Length, 16); len >= 2 && hit is null; len--)
                        if (IsPlaceName(item[^len..])) hit = (itemStart + item.Length - len, len);
                }
                else if (k == items.Count - 1)
                {
                    // The last item up to 等 (珠海等市), or the longest place it opens with (房山推动…).
                    var cut = item.IndexOf('等', StringComparison.Ordinal);
                    if (cut >= 2 && IsPlaceName(item[..cut])) hit = (itemStart, cut);
                    for (var len = Math.Min(item.Length, 16); len >= 2 && hit is null && cut < 0; len--)
                        if (IsPlaceName(item[..len])) hit = (itemStart, len);
                }
                else if (IsPlaceName(item)) hit = (itemStart, item.Length);
                if (hit is null) return;
                found.Add(hit.Value);
            }
            foreach (var (ps, pl) in found)
            {
                var name = text.Substring(ps, pl);
                AddPlace(new FocusPlace(name, _v.CanonicalPlace(name), Span(ps, pl)));
            }
        }

        /// <summary>A division in full or short form (邗江区, 广州) or an area name that opens with one (成都高新区).</summary>
        private bool IsPlaceName(string s) =>
            s.Length >= 2 && s.All(IsCjk) && !_v.GenericPlacePrefixes.Any(g => s.StartsWith(g, StringComparison.Ordinal))
            && (_v.Gazetteer.Find(s) is not null || IsAreaName(s));

        /// <summary>
        /// A division name (成都, 苏州市), at most six characters of its own (工业, 天府) and an area head (高新区, 园区, 新城).
        /// </summary>
        private bool IsAreaName(string s)
        {
            var head = _v.AreaNameHeads.FirstOrDefault(h => s.EndsWith(h, StringComparison.Ordinal));
            if (head is null) return false;
            var rest = s[..^head.Length];
            if (rest.Length < 2) return false;
            var division = _v.Gazetteer.PrefixOf(rest);
            // The area's own words hold no verb (苏州工业园区|建设未来产业|先导区 is two things, not one name).
            var own = division is null ? "" : rest[division.Length..];
            return division is not null && own.Length <= 6 && rest.All(IsCjk)
                && !_v.PlaceBoundaryWords.Any(b => own.Contains(b, StringComparison.Ordinal))
                && !_v.LayoutWords.Any(w => w.Length > 1 && own.Contains(w, StringComparison.Ordinal));
        }

        private static bool IsCjk(char c) => c >= '\u4e00' && c <= '\u9fff';

        // --- tracks and industries ----------------------------------------------------------------------------

        private void AddTrack(string name, int start, string? tierCode, string? tierWords)
        {
            name = name.Trim();
            // 全省低空经济 is 低空经济; a name with 的, 印发 or an adverbial ending (协同化, 培育方向) is a sentence fragment.
            foreach (var prefix in _v.TrackNamePrefixes)
                if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length + 1)
                {
                    name = name[prefix.Length..];
                    start += prefix.Length;
                    break;
                }
            if (_v.NotTrackWords.Any(w => name.Contains(w, StringComparison.Ordinal))
                || (_v.NotTrackEndings.Any(w => name.EndsWith(w, StringComparison.Ordinal))
                    && !_v.IndustryHeads.Any(h => name.EndsWith(h, StringComparison.Ordinal)))) return;
            if (name.Length < 2 || name.Length > 30) return;
            if (name.Any(char.IsAsciiDigit) && !name.Any(IsCjk)) return;
            var existing = _tracks.FirstOrDefault(t => t.Name == name);
            if (existing is not null)
            {
                if (existing.TierCode is null && tierCode is not null) { existing.TierCode = tierCode; existing.TierWords = tierWords; }
                return;
            }
            _tracks.Add(new TrackBuilder(name, tierCode, tierWords, Span(start, name.Length)));
        }

        private (string Code, string Words)? TierAbove(int sectionIndex)
        {
            foreach (var h in Ancestors(sectionIndex))
                if (_v.TierIn(h.Title) is { } tier) return tier;
            return null;
        }

        private bool InDirectionSection(int sectionIndex) =>
            Ancestors(sectionIndex).Any(
                h => _v.TierIn(h.Title) is not null || _v.DirectionSectionWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal)));

        private void FindTracks(string title)
        {
            // Inline item titles under a directions heading are tracks (1. 低空经济。以…).
            for (var i = 0; i < _outline.Count; i++)
            {
                var h = _outline[i];
                // A track heading sits under a directions heading, is short, and is not itself a tier or class heading
                // (（1） 重点培育3个未来产业 is the tier; 1. 低空经济 and （一）人形机器人 are tracks).
                if (h.Level < 2 || h.Title.Length > 15) continue;
                var isLeaf = i + 1 >= _outline.Count || _outline[i + 1].Level <= h.Level;
                if (!h.IsInline && !isLeaf) continue;
                var parent = Ancestors(i).Skip(1).ToList();
                if (!parent.Any(
                    p => _v.TierIn(p.Title) is not null
                        || _v.DirectionSectionWords.Any(w => p.Title.Contains(w, StringComparison.Ordinal)))) continue;
                if (_v.TierIn(h.Title) is not null || _v.DirectionSectionWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal))
                    || h.Title.Contains("领域", StringComparison.Ordinal) || h.Title.Contains("方向", StringComparison.Ordinal)
                    || _v.TaskHeadingVerbs.Any(w => h.Title.StartsWith(w, StringComparison.Ordinal))) continue;
                var tier = TierAbove(i);
                var titleStart = h.Source.End - h.Title.Length;
                AddTrack(h.Title, titleStart, tier?.Code, tier?.Words);
                var track = _tracks.First(t => t.Name == h.Title);
                // The track's paragraph runs from its heading to the next heading.
                track.ParagraphStart = h.Source.Offset;
                track.ParagraphEnd = i + 1 < _outline.Count ? _outline[i + 1].Source.Offset : text.Length;
            }
            // Enumerations after a direction verb: 重点培育A、B、C等3个未来产业; 瞄准A、B等领域; 围绕A、B、C，….
            foreach (var (s, e) in _lines)
            {
                if (e <= s || s < _bodyStart) continue;
                foreach (var (ss, sl) in SplitTopLevel(text, s, e, "。；;"))
                    DirectionEnumerations(ss, ss + sl);
            }
            // Chain elements in each track's own paragraph.
            foreach (var t in _tracks.Where(t => t.ParagraphStart >= 0))
                ChainElements(t, t.ParagraphStart + 0, t.ParagraphEnd);
            TitleSubject(title);
            DevelopmentObjects();
            LeadRoleTracks();
        }

        private bool NamesAMeans(string name) => _v.NotIndustryEndings.Any(w => name.EndsWith(w, StringComparison.Ordinal));

        /// <summary>
        /// 以人形机器人为创新引领, 以低空制造产业为核心，以低空保障产业为支撑: a short noun phrase given the leading or
        /// supporting role is an industry of the document. A phrase holding a verb, 的 or a quoted slogan
        /// (以新发展理念为引领, 以实施“人工智能+”行业示范应用为引领, 以科技创新为引领) is a principle, not an industry.
        /// </summary>
        private void LeadRoleTracks()
        {
            foreach (var role in _v.LeadRoles)
            {
                for (var at = text.IndexOf(role, _bodyStart, StringComparison.Ordinal); at >= 0;
                     at = text.IndexOf(role, at + role.Length, StringComparison.Ordinal))
                {
                    var yi = text.LastIndexOf('以', at - 1, Math.Min(at, 14));
                    if (yi < 0 || at - yi - 1 < 2) continue;
                    // 以…为核心指标: the role word runs on into a noun, so it is no role.
                    var next = at + role.Length;
                    if (next < text.Length && !"，,。；;、的\n".Contains(text[next], StringComparison.Ordinal)) continue;
                    var name = Sub(yi + 1, at);
                    if (name.Any(c => !IsCjk(c)) || name.Contains('的', StringComparison.Ordinal)) continue;
                    var verbs = _v.TitleVerbs.Concat(_v.DirectionVerbs.Where(v => v.Length > 1));
                    if (verbs.Any(v => name.Contains(v, StringComparison.Ordinal))) continue;
                    // 壮大产业, 科技创新: a task word opening it, or closing it without an industry head, makes it a principle;
                    // 整机集成项目, 绿色生活方式: a means, not an industry.
                    if (_v.TaskHeadingVerbs.Any(v => name.StartsWith(v, StringComparison.Ordinal)) || NamesAMeans(name)
                        || (!_v.IndustryHeads.Any(h => name.EndsWith(h, StringComparison.Ordinal))
                            && _v.TaskHeadingVerbs.Any(v => name.EndsWith(v, StringComparison.Ordinal))))
                        continue;
                    if (_v.UmbrellaIndustries.Contains(name, StringComparer.Ordinal)) continue;
                    var tier = TierAbove(SectionAt(yi));
                    AddTrack(name, yi + 1, tier?.Code, tier?.Words);
                }
            }
        }

        /// <summary>
        /// 推动贫困地区休闲农业和乡村旅游加快发展, 支持固体废物利用处置产业发展: the object of a development verb, when it ends
        /// in an industry head (产业, 农业, 旅游…), is an industry the document sets out to develop.
        /// </summary>
        private void DevelopmentObjects()
        {
            foreach (System.Text.RegularExpressions.Match m in DevelopmentObject().Matches(text, _bodyStart))
            {
                var g = m.Groups["x"];
                var x = g.Value;
                var offset = g.Index;
                var region = x.LastIndexOf("地区", StringComparison.Ordinal);
                if (region >= 0) { offset += region + 2; x = x[(region + 2)..]; }
                var pos = offset;
                foreach (var part in x.Split('和'))
                {
                    var p = part;
                    var at = pos;
                    pos += part.Length + 1;
                    if (p.Length < 3 || p.Length > 16 || _v.UmbrellaIndustries.Contains(p, StringComparer.Ordinal)) continue;
                    if (!_v.IndustryHeads.Any(h => p.EndsWith(h, StringComparison.Ordinal))) continue;
                    if (NotNounWords.Any(w => p.Contains(w, StringComparison.Ordinal))) continue;
                    var tier = TierAbove(SectionAt(at));
                    AddTrack(p, at, tier?.Code, tier?.Words);
                }
            }
        }

        private static readonly string[] NotNounWords = ["其", "开展", "适应", "与", "向", "的", "领域"];

        private void DirectionEnumerations(int start, int end)
        {
            var sentence = Sub(start, end);
            var section = SectionAt(start);
            var ownTrack = TrackAt(start)
                ?? _tracks.FirstOrDefault(t => t.ParagraphStart < 0 && sentence.StartsWith(t.Name, StringComparison.Ordinal));
            foreach (var verb in _v.DirectionVerbs)
            {
                for (var at = sentence.IndexOf(verb, StringComparison.Ordinal); at >= 0; at = sentence.IndexOf(verb, at + verb.Length,
                    StringComparison.Ordinal))
                {
                    var listStart = start + at + verb.Length;
                    // The list runs to the clause's end (a comma) or to 等… / 为重点.
                    var clauseEnd = listStart;
                    var depth = 0;
                    while (clauseEnd < end)
                    {
                        var c = text[clauseEnd];
                        if (IsOpen(c)) depth++;
                        else if (IsClose(c)) depth = Math.Max(0, depth - 1);
                        else if (depth == 0 && c is '，' or ',' or '：' or ':') break;
                        clauseEnd++;
                    }
                    var clause = Sub(listStart, clauseEnd);
                    int listEnd;
                    string? classWord = null;
                    var deng = LastTopLevel(clause, '等');
                    if (verb == "以")
                    {
                        // 以A、B为重点的产业… / 以A、B等领域为重点: the list names industries only when a class word says so.
                        var wei = clause.IndexOf("为重点", StringComparison.Ordinal);
                        if (wei < 0) continue;
                        var follows = Sub(listStart + wei + 3, Math.Min(end, listStart + wei + 8));
                        var classBefore = deng >= 0
                            && deng < wei
                            && _v.DirectionClassWords.Any(w => SkipCount(clause[(deng + 1)..wei]).StartsWith(w, StringComparison.Ordinal));
                        var classAfter = follows.StartsWith('的')
                            && _v.DirectionClassWords.Any(w => follows[1..].StartsWith(w, StringComparison.Ordinal));
                        if (!classBefore && !classAfter && ownTrack is null) continue;
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
                        listEnd = listStart + deng;
                    }
                    else if (CountedClass(clause) is { } counted && TopLevelCount(clause[..counted.ListEnd], '、') > 0)
                    {
                        // 重点培育人工智能、生物医药、新材料三大未来产业: a count and a class word close the list.
                        classWord = counted.ClassWord;
                        listEnd = listStart + counted.ListEnd;
                        foreach (var w in _v.UmbrellaIndustries) if (counted.ClassWord == w) _umbrellas.Add(w);
                    }
                    else if (verb is "围绕" or "瞄准" or "聚焦" or "紧扣"
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
                    else if (verb is "围绕" or "瞄准" or "聚焦" or "紧扣"
                        && clauseEnd >= _truncatedFrom
                        && TopLevelCount(clause, '、') >= 2)
                        listEnd = listStart + LastTopLevel(clause, '、'); // an opening cut in the list: the items before the cut
                    else if (verb is "发展成为" or "建设成为" or "打造")
                    {
                        var de = LastTopLevel(clause, '的');
                        listStart = de >= 0 ? listStart + de + 1 : listStart;
                        listEnd = clauseEnd;
                        if (!_v.DirectionClassWords.Any(w => Sub(listStart, listEnd).EndsWith(w, StringComparison.Ordinal))) continue;
                    }
                    else continue;
                    // 围绕物流配送、空中交通等领域打造一批示范应用场景: the list names where scenarios go, not industries.
                    if (listEnd < clauseEnd && _v.ScenarioWords.Any(w => Sub(listEnd, clauseEnd).Contains(w, StringComparison.Ordinal)))
                        continue;
                    var items = ListItems(listStart, listEnd);
                    if (items.Count < 2) continue;
                    // 聚焦汽车、电子信息等制造业场景和商务服务…等领域: an item naming a scenario makes the list one of scenarios.
                    if (items.Any(i => _v.ScenarioWords.Any(w => i.Name.Contains(w, StringComparison.Ordinal)))) continue;
                    if (classWord is not null && deng >= 0)
                    {
                        var umbrella = SkipCount(clause[(deng + 1)..]);
                        foreach (var w in _v.UmbrellaIndustries) if (umbrella.StartsWith(w, StringComparison.Ordinal)) _umbrellas.Add(w);
                    }
                    var tier = _v.TierIn(verb) ?? _v.TierIn(sentence[..at]) ?? TierAbove(section);
                    if (ownTrack is not null && ownTrack.Name is var tn && !items.Any(i => i.Name == tn))
                    {
                        foreach (var (name, pos) in items)
                            if (!ownTrack.Chain.Any(c => c.Name == name))
                                ownTrack.Chain.Add(new ChainElement(name, Span(pos, name.Length)));
                        continue;
                    }
                    if (items.Any(i => i.Name.Length > 16)) continue;
                    foreach (var (name, pos) in items) AddTrack(name, pos, tier?.Code, tier?.Words);
                }
            }
        }

        /// <summary>Where a count (三大, 5个, 两类) followed by a class word (未来产业, 领域…) starts in <paramref name="clause"/>.</summary>
        private (int ListEnd, string ClassWord)? CountedClass(string clause)
        {
            foreach (var w in _v.DirectionClassWords)
            {
                for (var at = clause.IndexOf(w, StringComparison.Ordinal); at > 0; at = clause.IndexOf(w, at + 1, StringComparison.Ordinal))
                {
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

        private static int TopLevelCount(string s, char c)
        {
            int depth = 0, n = 0;
            foreach (var ch in s)
            {
                if (IsOpen(ch)) depth++;
                else if (IsClose(ch)) depth = Math.Max(0, depth - 1);
                else if (depth == 0 && ch == c) n++;
            }
            return n;
        }

        private static string SkipCount(string s)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || "一二三四五六七八九十两批个大项类条".Contains(s[i], StringComparison.Ordinal))) i++;
            return s[i..];
        }

        private static int LastTopLevel(string s, char c)
        {
            var depth = 0;
            var found = -1;
            for (var i = 0; i < s.Length; i++)
            {
                if (IsOpen(s[i])) depth++;
                else if (IsClose(s[i])) depth = Math.Max(0, depth - 1);
                else if (depth == 0 && s[i] == c) found = i;
            }
            return found;
        }

        /// <summary>A list split at 、 (outside brackets), its last item split once more at 及 / 和.</summary>
        private List<(string Name, int Start)> ListItems(int start, int end)
        {
            var items = new List<(string, int)>();
            var parts = SplitTopLevel(text, start, end, "、");
            for (var k = 0; k < parts.Count; k++)
            {
                var (ps, pl) = Trim(text, parts[k].Start, parts[k].Length);
                if (pl == 0) continue;
                var chunk = text.Substring(ps, pl);
                if (k == parts.Count - 1 || parts.Count == 1)
                {
                    var split = -1;
                    var depth = 0;
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        if (IsOpen(chunk[i])) depth++;
                        else if (IsClose(chunk[i])) depth = Math.Max(0, depth - 1);
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
            foreach (var (cs, cl) in SplitTopLevel(text, start, end, "，,。；;"))
            {
                var clause = text.Substring(cs, cl);
                if (!clause.Contains('、', StringComparison.Ordinal) || clause.StartsWith('〔')) continue;
                var parts = SplitTopLevel(text, cs, cs + cl, "、");
                // The first item starts after the clause's verb; the last ends at 等.
                var (fs, fl) = parts[0];
                var first = text.Substring(fs, fl);
                var verbEnd = 0;
                foreach (var w in new[] { "以", "支持", "加强", "布局", "发展", "研发", "突破", "聚焦", "包括", "开展", "形成", "涵盖", "拓展", "应用", "推动", "针对性开展",
                    "瞄准", "培育", "在" })
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
                    track.Chain.Add(new ChainElement(n, Span(pos, n.Length)));
                }
            }
        }

        /// <summary>关于加快发展体育竞赛表演产业的指导意见 → 体育竞赛表演产业; 农业机械化和农机装备产业 → both.</summary>
        /// <summary>
        /// The industry a title is about: 十堰市低空经济高质量发展实施方案 → 低空经济, 人形机器人创新发展指导意见 → 人形机器人,
        /// 关于加快推进新一代人工智能产业发展的实施意见 → 新一代人工智能产业. The title is cut into segments at its verbs
        /// (推动, 印发…); a segment, without place prefix and document kind, is a subject when it ends in an industry head
        /// (产业, 经济…) or runs to 创新发展/高质量发展 or a quoted slogan (具身智能机器人“强链补链”). A segment with a
        /// verb inside is not a subject, so a notice title never yields 印发《合肥市低空经济.
        /// </summary>
        private void TitleSubject(string title)
        {
            if (title.Length == 0) return;
            var t = title.Replace("《", "", StringComparison.Ordinal).Replace("》", "", StringComparison.Ordinal);
            var about = t.IndexOf("关于", StringComparison.Ordinal);
            if (about >= 0) t = t[(about + 2)..];
            t = BracketedYears().Replace(t, "");
            var changed = true;
            var tailed = false;
            while (changed)
            {
                changed = false;
                t = t.TrimEnd('的', ' ');
                foreach (var kind in _v.TitleKinds)
                    if (t.EndsWith(kind, StringComparison.Ordinal)) { t = t[..^kind.Length]; changed = true; break; }
                if (t.EndsWith("三年", StringComparison.Ordinal)) { t = t[..^2]; changed = true; }
                // 人形机器人创新发展: what develops is the subject.
                foreach (var tail in _v.TitleSubjectTails)
                    if (t.EndsWith(tail, StringComparison.Ordinal) && t.Length > tail.Length)
                    {
                        t = t[..^tail.Length];
                        tailed = changed = true;
                        break;
                    }
            }
            var cuts = new List<int> { 0 };
            foreach (var verb in _v.TitleVerbs)
                for (var at = t.IndexOf(verb, StringComparison.Ordinal); at >= 0; at = t.IndexOf(verb, at + 1, StringComparison.Ordinal))
                    cuts.Add(at + verb.Length);
            cuts = [.. cuts.Distinct().Order()];
            for (var k = cuts.Count - 1; k >= 0; k--)
            {
                var segment = t[cuts[k]..];
                foreach (var verb in _v.TitleVerbs)
                {
                    var next = segment.IndexOf(verb, StringComparison.Ordinal);
                    if (next > 0) segment = segment[..next];
                }
                // 农业机械化和农机装备产业: two subjects.
                var names = StripPlace(segment).Split('和').Select(part => SubjectOf(part, tailed)).OfType<string>().ToList();
                if (names.Count == 0) continue;
                foreach (var name in names)
                {
                    if (_umbrellas.Contains(name) || (_tracks.Count > 0 && _v.UmbrellaIndustries.Contains(name, StringComparer.Ordinal)))
                        continue;
                    var pos = text.IndexOf(name, StringComparison.Ordinal);
                    if (pos >= 0) AddTrack(name, pos, null, null);
                }
                return;
            }
        }

        private string StripPlace(string s)
        {
            foreach (var prefix in _v.TrackNamePrefixes)
                if (s.StartsWith(prefix, StringComparison.Ordinal)) return s[prefix.Length..];
            var best = -1;
            foreach (var suffix in _v.PlaceSuffixes)
            {
                var at = s.IndexOf(suffix, StringComparison.Ordinal);
                if (at > 0 && at + suffix.Length <= 16 && at + suffix.Length > best) best = at + suffix.Length;
            }
            return best > 0 && best < s.Length ? s[best..] : s;
        }

        private string? SubjectOf(string segment, bool tailed)
        {
            var s = segment.Replace("“", "", StringComparison.Ordinal).Replace("”", "", StringComparison.Ordinal).Replace("+", "",
                StringComparison.Ordinal);
            string? name = null;
            foreach (var head in _v.IndustryHeads.OrderByDescending(h => h.Length))
            {
                var at = s.IndexOf(head, StringComparison.Ordinal);
                if (at > 0) { name = s[..(at + head.Length)]; break; }
            }
            if (name is null)
            {
                var quote = segment.IndexOf('“', StringComparison.Ordinal);
                name = quote > 0 ? segment[..quote] : tailed ? s : null;
            }
            if (name is null || name.Length < 2 || name.Length > 12 || name.Any(char.IsAsciiDigit)) return null;
            if (_v.TitleVerbs.Any(v => name.Contains(v, StringComparison.Ordinal)) || name.Contains('的', StringComparison.Ordinal))
                return null;
            return name;
        }

        // --- targets ------------------------------------------------------------------------------------------

        private void FindTargets()
        {
            // A goal year or period holds from where it is stated to the next heading: the paragraphs under 二、发展目标 that
            // follow 到2026年 (——产业链条建立健全。…, 产业能级更高。…) state goals for that year too.
            int? paragraphYear = null;
            string? paragraphPeriod = null;
            foreach (var (s, e) in _lines)
            {
                if (e <= s || s < _bodyStart) continue;
                if (IsHeadingLine(Sub(s, e))) { paragraphYear = null; paragraphPeriod = null; }
                foreach (var (ss, sl) in SplitTopLevel(text, s, e, "。！？!?"))
                {
                    if (sl == 0) continue;
                    var sentenceEnd = ss + sl;
                    int? sentenceYear = null;
                    string? sentencePeriod = null;
                    // Goal years and periods hold for the rest of the paragraph; a clause-opening year for its sentence.
                    var goals = GoalYear().Matches(text.Substring(ss, sl));
                    var periods = GoalPeriod().Matches(text.Substring(ss, sl));
                    var clauseYears = ClauseYear().Matches(text.Substring(ss, sl));
                    var events = new List<(int At, int? Year, string? Period, bool Persist)>();
                    foreach (System.Text.RegularExpressions.Match m in goals)
                        events.Add((ss + m.Index, int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), null, true));
                    foreach (System.Text.RegularExpressions.Match m in periods) events.Add((ss + m.Index, null, m.Value, true));
                    foreach (System.Text.RegularExpressions.Match m in clauseYears)
                        if (!events.Any(x => Math.Abs(x.At - (ss + m.Index)) <= 3))
                            events.Add((ss + m.Index, int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), null, false));
                    // A full date (2019年1月1日至…) states when a measure applies, not a goal: it clears the sentence's year.
                    var dated = FullDate().IsMatch(text.Substring(ss, sl));
                    events.Sort((a, b) => a.At.CompareTo(b.At));
                    foreach (System.Text.RegularExpressions.Match q in parser._quantity.Matches(text, ss))
                    {
                        if (q.Index >= sentenceEnd) break;
                        int? year = paragraphYear;
                        var period = paragraphPeriod;
                        var hasContext = paragraphYear is not null || paragraphPeriod is not null;
                        foreach (var ev in events)
                        {
                            if (ev.At > q.Index) break;
                            year = ev.Year; period = ev.Period; hasContext = true;
                        }
                        if (!hasContext)
                        {
                            if (!dated && YearlessGoal(q, ss)) Target(q, ss, sentenceEnd, null, null);
                            continue;
                        }
                        if (dated && events.Count == 0 && paragraphYear is null && paragraphPeriod is null) continue;
                        Target(q, ss, sentenceEnd, year, year is null ? period : null);
                    }
                    foreach (var ev in events.Where(x => x.Persist)) { paragraphYear = ev.Year; paragraphPeriod = ev.Period; }
                    _ = sentenceYear; _ = sentencePeriod;
                }
            }
        }

        /// <summary>
        /// A goal stated without a year: a count right after a target verb (建成1个…, 部署10个以上…), in the opening that
        /// precedes the first heading (the preamble of 若干措施 states what the measures are for) or in a clause hedged with
        /// 力争/争取; never in a clause that grants (给予, 奖励, 最高…), which states a rule of the measure.
        /// </summary>
        private bool YearlessGoal(System.Text.RegularExpressions.Match q, int sentenceStart)
        {
            if (!_v.CountUnits.Contains(q.Groups["u"].Value, StringComparer.Ordinal)) return false;
            var cs = q.Index;
            while (cs > sentenceStart && !ClauseSeparators.Contains(text[cs - 1], StringComparison.Ordinal)) cs--;
            var ce = q.Index + q.Length;
            while (ce < text.Length && !ClauseSeparators.Contains(text[ce], StringComparison.Ordinal) && text[ce] != '\n') ce++;
            var clause = Sub(cs, ce);
            if (_v.NotGoalWords.Any(w => clause.Contains(w, StringComparison.Ordinal))) return false;
            var opening = _outline.Count == 0 || q.Index < _outline[0].Source.Offset;
            if (!opening && !_v.YearlessGoalWords.Any(w => clause.Contains(w, StringComparison.Ordinal))) return false;
            var before = Sub(cs, q.Index);
            foreach (var w in _v.FloorBefore.Concat(_v.AboutBefore))
                if (before.EndsWith(w, StringComparison.Ordinal)) { before = before[..^w.Length]; break; }
            return _v.TargetNounVerbs.Any(v => before.EndsWith(v, StringComparison.Ordinal));
        }

        private void Target(System.Text.RegularExpressions.Match q, int sentenceStart, int sentenceEnd, int? year, string? period)
        {
            if (q.Index >= _truncatedFrom)
            {
                _unplaced.Add(new UnplacedItem("quantity", "A figure in the clause the text is cut in.", Span(q.Index, q.Length)));
                return;
            }
            // The clause around the figure: commas and semicolons bound it, 、 does not.
            var cs = q.Index;
            var depth = 0;
            while (cs > sentenceStart)
            {
                var c = text[cs - 1];
                if (IsClose(c)) depth++;
                else if (IsOpen(c)) { if (depth == 0) break; depth--; }
                else if (depth == 0 && ClauseSeparators.Contains(c, StringComparison.Ordinal)) break;
                cs--;
            }
            var ce = q.Index + q.Length;
            depth = 0;
            while (ce < sentenceEnd)
            {
                var c = text[ce];
                if (IsOpen(c)) depth++;
                else if (IsClose(c)) { if (depth == 0) break; depth--; }
                else if (depth == 0 && ClauseSeparators.Contains(c, StringComparison.Ordinal)) break;
                ce++;
            }
            if (depth > 0 || (cs > 0 && IsOpen(text[cs - 1]) && text[cs - 1] != '“')) return; // inside brackets: an aside, not a goal
            decimal value;
            decimal? upper = null;
            string unit;
            if (q.Groups["frac"].Success)
            {
                value = FractionValue(q.Groups["frac"].Value) ?? 0;
                unit = "比例";
            }
            else if (q.Groups["cn"].Success)
            {
                value = ChineseNumber(q.Groups["cn"].Value);
                unit = q.Groups["u"].Value;
            }
            else
            {
                value = decimal.Parse(q.Groups["v"].Value, CultureInfo.InvariantCulture);
                if (q.Groups["hi"].Success) upper = decimal.Parse(q.Groups["hi"].Value, CultureInfo.InvariantCulture);
                unit = q.Groups["u"].Value + q.Groups["per"].Value; // 3000例/年: a per-year series
            }
            var afterStart = q.Index + q.Length;
            var after = Sub(afterStart, ce);
            var comparator = upper is null ? TargetComparator.Equal : TargetComparator.Between;
            string? word;
            if ((word = parser._v.FloorAfter.FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal))) is not null)
                comparator = TargetComparator.AtLeast;
            else if ((
                word = parser._v.CeilingAfter.FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal))) is not null) comparator =
                    TargetComparator.AtMost;
            else if ((
                word = parser._v.AboutAfter.FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal))) is not null) comparator =
                    TargetComparator.About;
            if (word is not null) { afterStart += word.Length; after = after[word.Length..]; }
            if (q.Groups["more"].Success && comparator == TargetComparator.Equal) comparator = TargetComparator.AtLeast; // 十余家
            // 3个以上的量产人形机器人产品: a count's 的 joins it to its noun; 50%的标准 qualifies something else.
            if (after.StartsWith('的') && _v.CountUnits.Contains(unit, StringComparer.Ordinal) && after.Length > 2) after = after[1..];
            // 通用大模型1个、专用模型10个: the figure closes its item, the noun came before it.
            if (after.StartsWith('、')) after = "";
            var before = Sub(cs, q.Index);
            if (comparator == TargetComparator.Equal)
            {
                if (_v.FloorBefore.Any(w => before.EndsWith(w, StringComparison.Ordinal))) comparator = TargetComparator.AtLeast;
                else if (_v.CeilingBefore.Any(w => before.EndsWith(w, StringComparison.Ordinal))) comparator = TargetComparator.AtMost;
                else if (_v.AboutBefore.Any(w => before.EndsWith(w, StringComparison.Ordinal))) comparator = TargetComparator.About;
            }
            // Indicator: the noun after the figure (推出50个以上关键产品), else the subject before the verb (机械化率达到70%).
            string indicator;
            var nextFigure = NextFigureAt(after);
            if (nextFigure >= 0) after = after[..nextFigure];
            after = after.TrimEnd('和', '及', '、', '与');
            if (after.StartsWith('的') || after.StartsWith('后') || after.StartsWith('内') || after.StartsWith('前'))
            {
                _unplaced.Add(
                    new UnplacedItem("quantity", "A figure in a goal paragraph that qualifies something else, not a goal.",
                        Span(cs, ce - cs)));
                return;
            }
            if (after.Length >= 2 && unit != "%")
                indicator = after;
            else
            {
                var b = before;
                // 65%和55%: the second figure shares the first one's subject.
                var previous = _targets.Count > 0 ? _targets[^1] : null;
                if (previous is not null && previous.Source.Offset == cs && (b.EndsWith('和') || b.EndsWith('、') || b.EndsWith('及')))
                {
                    _targets.Add(previous with { Value = value, UpperValue = upper, Unit = unit, Comparator = comparator });
                    return;
                }
                // 培育示范园区5个、标杆企业20家: the item before the figure, after the enumeration's last 、.
                if (!b.Contains('均', StringComparison.Ordinal) && !b.Contains("分别", StringComparison.Ordinal))
                {
                    var last = LastTopLevel(b, '、');
                    if (last >= 0 && last < b.Length - 2) b = b[(last + 1)..];
                }
                indicator = StripVerbs(b);
            }
            indicator = CleanIndicator(indicator);
            if (indicator.Length < 2)
            {
                _unplaced.Add(new UnplacedItem("quantity", "A figure in a goal paragraph with no indicator read.", Span(cs, ce - cs)));
                return;
            }
            var (qs, ql) = Trim(text, cs, ce - cs);
            var target = new PolicyTarget(year, period, indicator, value, upper, unit, comparator, SectionAt(cs), Span(qs, ql));
            _targets.Add(target);
            // 马铃薯种植、收获机械化率均达到45%: one goal per listed item.
            if (before.Contains('均', StringComparison.Ordinal) && indicator.Contains('、', StringComparison.Ordinal))
                for (var k = 1; k < indicator.Split('、').Length; k++) _targets.Add(target);
        }

        /// <summary>
        /// Drops what qualifies rather than names the indicator: a long bracketed definition (“双师型”教师（同时具备…的教师）)
        /// and hedges (原则上, 一般, 力争).
        /// </summary>
        private string CleanIndicator(string s)
        {
            var sb = new System.Text.StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] is '（' or '(')
                {
                    var close = s.IndexOfAny(['）', ')'], i + 1);
                    if (close > i + 5) { i = close; continue; }
                }
                sb.Append(s[i]);
            }
            var r = sb.ToString();
            foreach (var hedge in _v.IndicatorHedges) r = r.Replace(hedge, "", StringComparison.Ordinal);
            return r.Trim();
        }

        private int NextFigureAt(string s)
        {
            for (var i = 0; i < s.Length; i++)
                if (char.IsAsciiDigit(s[i]) && parser._quantity.Match(s, i) is { Success: true } m && m.Index == i) return i;
            return -1;
        }

        private string StripVerbs(string before)
        {
            var s = before;
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var w in _v.GoalVerbs.Concat(_v.FloorBefore).Concat(_v.CeilingBefore).Concat(_v.AboutBefore)
                             .Concat(["均", "分别", "总体", "一般", "原则上", "基本", "力争", "累计", "新增"]))
                {
                    if (s.EndsWith(w, StringComparison.Ordinal) && s.Length > w.Length) { s = s[..^w.Length]; changed = true; }
                }
            }
            if (s.StartsWith("其中", StringComparison.Ordinal)) s = s[2..];
            // 从2019年起 / 到2026年底 opening the clause is context, not the indicator.
            var m = GoalYear().Match(s);
            if (m.Success && m.Index == 0) s = s[m.Length..];
            return s.TrimStart('，', ',', '、');
        }
    }
}

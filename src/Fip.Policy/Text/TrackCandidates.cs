using System.Text.RegularExpressions;

namespace Fip.Policy.Text;

/// <summary>
/// One name the learned track reader weighs, with the features of each place it was proposed (as a list item, a heading, the
/// title's subject, a rule's finding), the features of the name itself added to each (<see cref="TrackCandidates"/>). A name
/// scores as its best-placed proposal.
/// </summary>
/// <param name="Name">The name, in the matching text's spelling.</param>
/// <param name="Start">Where it is first proposed in the text.</param>
/// <param name="Occurrences">The features of each proposal (binary; named, never the name itself), distinct sets only.</param>
/// <param name="Finding">The rule finding of the same name, when a rule proposed it.</param>
internal sealed record TrackCandidate(string Name, int Start, IReadOnlyList<IReadOnlySet<string>> Occurrences, TrackFinding? Finding);

/// <summary>
/// The candidate generator of the learned track reader: proposes, generously, every name the text's structure offers as a
/// direction (items of a 、-list within a clause, with its head cut after a cue verb and its shared tail cut at 等 or a count;
/// parts joined by 和/及/与; short titles of numbered headings and inline items; the title's subject; objects of a cue verb),
/// and every track a rule found, and describes each by features that name no industry: length, character classes, its last
/// one to three characters, the cue before its list, the list's size and its place in it, whether its siblings end alike,
/// heading level and the words of the enclosing headings, position and occurrences in the document, digits, verbs, function
/// words, places, and the rule families that found it. <see cref="TrackModel"/> weighs the features.
/// </summary>
internal static partial class TrackCandidates
{
    /// <summary>Words that open a list of directions (buckets of the cue feature).</summary>
    internal static readonly string[] Cues =
    [
        "重点培育", "培育发展", "培育壮大", "培育", "重点发展", "大力发展", "加快发展", "优先发展", "积极发展", "发展壮大", "发展",
        "前瞻布局", "超前布局", "探索布局", "布局", "聚焦", "聚力", "瞄准", "围绕", "打造", "壮大", "做大做强", "做强", "做优", "提升",
        "巩固", "突破", "引进", "推动", "推进", "加快", "支持", "鼓励", "建设", "形成", "构建", "包括", "涵盖", "如", "以", "在", "实施",
        "抢占", "拓展", "深耕", "主攻", "重点", "争创", "建成", "集聚",
    ];

    /// <summary>Words of the enclosing headings that say what a section holds (buckets of the section feature).</summary>
    internal static readonly string[] SectionWords =
    [
        "重点", "方向", "领域", "任务", "产业", "布局", "保障", "措施", "目标", "要求", "思想", "原则", "体系", "集群", "培育", "发展",
        "赛道", "组织", "机制", "支持", "创新", "应用", "场景", "人才", "金融", "环境",
    ];

    /// <summary>The head nouns an industry's name ends in (a class feature; the model learns the rest from the last characters).</summary>
    internal static readonly string[] HeadNouns =
    [
        "产业", "经济", "制造", "制造业", "材料", "装备", "能源", "技术", "医药", "健康", "服务", "服务业", "信息", "智能", "农业", "旅游",
        "物流", "金融", "化工", "电子", "设备", "科技", "工业", "产品",
    ];

    internal static bool EndsInHeadNoun(string name) =>
        HeadNouns.Any(h => name.Length > h.Length && name.EndsWith(h, StringComparison.Ordinal));

    private const string Prepositions = "以在对把将从向为由和及与等的之并或";
    private const string FunctionWords = "的和及与等为在对把以从向将之并或";
    private const string ClauseMarks = "，,：:";
    private const string SentenceMarks = "。；;！？!?";
    private const int Longest = 16;

    /// <summary>The candidates of one document: rule findings first (in their order), then the rest in text order.</summary>
    public static List<TrackCandidate> Generate(ParseContext c, IReadOnlyList<TrackFinding> findings, IReadOnlySet<string> umbrellas)
    {
        var g = new Generator(c);
        foreach (var f in findings) g.Add(f.Name, f.Source.Offset, ["rule-proposal"], f, vet: false);
        g.Headings();
        g.Title();
        g.Clauses();
        return g.Finish(umbrellas);
    }

    private sealed class Generator(ParseContext c)
    {
        private readonly string _text = c.Text;
        private readonly PolicyVocabulary _v = c.Vocabulary;
        private readonly Dictionary<string, (int Start, List<HashSet<string>> Occurrences, HashSet<string> Own, TrackFinding? Finding)>
            _byName = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        // Per document, for speed only (the answers are the same): the rules' name check of a (name, start) pair and the
        // section features of a section index, each computed once.
        private readonly Dictionary<(string, int), (string Name, int Start)?> _vetted = [];
        private readonly Dictionary<int, string[]> _sectionFeatures = [];
        private TrackReader? _vetter;

        public void Add(string name, int start, IEnumerable<string> features, TrackFinding? finding = null, bool vet = true)
        {
            (name, start) = Clean(name, start);
            if (name.Length < 2 || name.Length > Longest) return;
            var refused = false;
            if (vet && (start < 0 || start + name.Length > _text.Length)) refused = true;
            else if (vet)
            {
                if (!_vetted.TryGetValue((name, start), out var answer))
                    _vetted[(name, start)] = answer = (_vetter ??= TrackReader.ForVetting(c)).Vetted(name, start);
                if (answer is { } kept) (name, start) = kept;
                else refused = true;
            }
            // A name never opens with a preposition or a conjunction (以人形机器人 is 人形机器人 after its cue).
            if (name.Length < 2 || _v.ReadsAsSentence(name) || Prepositions.Contains(name[0], StringComparison.Ordinal)) return;
            if (!_byName.TryGetValue(name, out var entry))
            {
                entry = (start, [], new HashSet<string>(StringComparer.Ordinal), finding);
                _byName[name] = entry;
                _order.Add(name);
            }
            else if (finding is not null && entry.Finding is null)
                _byName[name] = entry = (entry.Start, entry.Occurrences, entry.Own, finding);
            // What found the name (a rule family) holds for the name wherever it stands.
            if (finding is not null) entry.Own.UnionWith(["rule", "rule=" + finding.Family]);
            var f = new HashSet<string>(features, StringComparer.Ordinal) { vet ? (refused ? "vet=refused" : "vet=kept") : "rule-vet" };
            if (start >= 0 && start + name.Length <= _text.Length && _text.AsSpan(start, name.Length).SequenceEqual(name))
                Context(f, start, start + name.Length);
            if (!entry.Occurrences.Any(o => o.SetEquals(f))) entry.Occurrences.Add(f);
        }

        /// <summary>Quotes, brackets and spaces at either end cut; a leading 全市/全省 or a division in full cut.</summary>
        private (string, int) Clean(string name, int start)
        {
            var s = 0;
            var e = name.Length;
            while (s < e && (char.IsWhiteSpace(name[s]) || "“”\"'《》【】".Contains(name[s], StringComparison.Ordinal))) s++;
            while (e > s && (char.IsWhiteSpace(name[e - 1]) || "“”\"'《》【】。，、".Contains(name[e - 1], StringComparison.Ordinal))) e--;
            // An unbalanced bracket at either end is not part of the name.
            if (e > s && name[s] is '（' or '(' && name.IndexOfAny(['）', ')'], s) < 0) s++;
            if (e > s && name[e - 1] is '）' or ')' && name.IndexOfAny(['（', '('], s, e - s) < 0) e--;
            return (name[s..e], start + s);
        }

        /// <summary>Features of where one occurrence stands: the characters around it, its section, its place in the text.</summary>
        private void Context(HashSet<string> f, int start, int end)
        {
            f.Add(Feature("prev=", Kind(start > 0 ? _text[start - 1] : '\n')));
            f.Add(Feature("next=", Kind(end < _text.Length ? _text[end] : '\n')));
            if (end + 1 < _text.Length && _text[end] == '等') f.Add(Feature("next=等", Kind(_text[end + 1])));
            var section = c.SectionAt(start);
            if (!_sectionFeatures.TryGetValue(section, out var sectionFeatures))
                _sectionFeatures[section] = sectionFeatures = SectionFeatures(section);
            foreach (var s in sectionFeatures) f.Add(s);
            if (start < c.BodyStart) f.Add("in=head");
            f.Add(Positions[Math.Min(4, start * 5 / Math.Max(1, _text.Length))]);
        }

        /// <summary>The features of the section a proposal stands in, in the order <see cref="Context"/> adds them.</summary>
        private string[] SectionFeatures(int section)
        {
            var f = new List<string>();
            if (section < 0) f.Add("sec=none");
            foreach (var h in c.Ancestors(section))
                foreach (var w in SectionWords)
                    if (h.Title.Contains(w, StringComparison.Ordinal)) f.Add(Feature("sec=", w));
            if (c.TierAbove(section) is not null) f.Add("sec=tier");
            return [.. f];
        }

        private static readonly string[] Positions = ["pos=0", "pos=1", "pos=2", "pos=3", "pos=4"];

        private static string Kind(char ch) =>
            ParseContext.IsCjk(ch) ? "cjk" : char.IsAsciiDigit(ch) ? "digit" : char.IsWhiteSpace(ch) ? "space"
            : Marks.TryGetValue(ch, out var m) ? m : Marks.GetOrAdd(ch, ch.ToString());

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<char, string> Marks = new();

        /// <summary>Short titles of numbered headings and inline items, with a cue verb cut from their start.</summary>
        public void Headings()
        {
            for (var i = 0; i < c.Outline.Count; i++)
            {
                var h = c.Outline[i];
                var title = h.Title.TrimEnd('。', '.', '；', ';', '：', ':', ' ');
                if (title.Length < 2 || title.Length > 24) continue;
                var start = h.Source.End - h.Title.Length;
                var leaf = i + 1 >= c.Outline.Count || c.Outline[i + 1].Level <= h.Level;
                var f = new List<string> { "gen=heading", "level=" + h.Level, h.IsInline ? "inline" : "line", leaf ? "leaf" : "parent" };
                Variants(title, start, f, first: true, last: true);
            }
        }

        /// <summary>The title's segments between its verbs, without place, period and document kind.</summary>
        public void Title()
        {
            var title = c.Title;
            if (title.Length == 0) return;
            var at = _text.IndexOf(title, StringComparison.Ordinal);
            if (at < 0) return;
            var t = title;
            var about = t.IndexOf("关于", StringComparison.Ordinal);
            var from = about >= 0 ? about + 2 : 0;
            var cuts = new List<int> { from, t.Length };
            foreach (var verb in _v.TitleVerbs.Concat(_v.TitleKinds).Concat(_v.TitleSubjectTails))
                for (var k = t.IndexOf(verb, from, StringComparison.Ordinal); k >= 0;
                     k = t.IndexOf(verb, k + verb.Length, StringComparison.Ordinal))
                {
                    cuts.Add(k);
                    cuts.Add(k + verb.Length);
                }
            foreach (Match m in PolicyParser.NamedPlanPeriod().Matches(t)) { cuts.Add(m.Index); cuts.Add(m.Index + m.Length); }
            foreach (Match m in PolicyParser.BracketedYears().Matches(t)) { cuts.Add(m.Index); cuts.Add(m.Index + m.Length); }
            cuts = [.. cuts.Where(k => k >= from).Distinct().Order()];
            for (var k = 0; k + 1 < cuts.Count; k++)
            {
                var (s, e) = (cuts[k], cuts[k + 1]);
                if (e - s < 2) continue;
                var f = new List<string> { "gen=title" };
                if (e < t.Length && _v.TitleSubjectTails.Any(w => t.AsSpan(e).StartsWith(w, StringComparison.Ordinal)))
                    f.Add("title=before-tail");
                if (_v.TitleKinds.Any(w => t.AsSpan(e).StartsWith(w, StringComparison.Ordinal))) f.Add("title=before-kind");
                if (k > 0 && _v.TitleVerbs.Any(w => t.AsSpan(0, s).EndsWith(w, StringComparison.Ordinal))) f.Add("title=after-verb");
                // 低空经济的实施意见: the 的 joining the subject to the kind is no part of it.
                while (e - s >= 2 && t[e - 1] == '的') e--;
                foreach (var (ps, pl) in PolicyParser.SplitTopLevel(t, s, e, "和及与、"))
                    if (pl >= 2) Add(t.Substring(ps, pl), at + ps, pl == e - s ? f : [.. f, "part"]);
            }
        }

        /// <summary>Every clause of the body: its 、-list items (or the object of a cue verb when it has no list).</summary>
        public void Clauses()
        {
            var end = Math.Min(_text.Length, c.TruncatedFrom);
            foreach (var (ls, le) in c.Lines)
            {
                if (le <= ls || ls >= end) continue;
                foreach (var (ss, sl) in PolicyParser.SplitTopLevel(_text, ls, Math.Min(le, end), SentenceMarks))
                    foreach (var (cs, cl) in PolicyParser.SplitTopLevel(_text, ss, ss + sl, ClauseMarks))
                        Clause(cs, cs + cl);
            }
        }

        private void Clause(int start, int end)
        {
            (start, var length) = PolicyParser.Trim(_text, start, end - start);
            end = start + length;
            if (length < 2) return;
            var parts = PolicyParser.SplitTopLevel(_text, start, end, "、");
            if (parts.Count == 1)
            {
                // No list: the object of a cue verb is the one candidate (聚焦人工智能, 大力发展低空经济).
                var clause = _text[start..end];
                // A long clause without a cue is proposed only when a scale or a count frames its object (3000亿级精细化工产业集群1个).
                var cue = LastCue(clause, clause.Length);
                if (cue is null && clause.Length > 12 && !(Scale().IsMatch(clause) || Count().IsMatch(clause))) return;
                Variants(clause, start, ["gen=object", "size=1"], first: true, last: true);
                return;
            }
            var items = parts.Select(p => PolicyParser.Trim(_text, p.Start, p.Length)).Where(p => p.Length > 0).ToList();
            if (items.Count < 2) return;
            var names = items.Select(p => _text.Substring(p.Start, p.Length)).ToList();
            // Siblings alike: the share of middle items ending as this one does (the first and last carry head and tail).
            var size = items.Count >= 5 ? "size=5+" : items.Count >= 3 ? "size=3-4" : "size=2";
            var listCue = Feature("listcue=", LastCue(names[0], names[0].Length) ?? "none");
            var listClass = "listclass=" + (ListClass(names[^1]) ?? "none");
            var inner = names.Skip(1).Take(Math.Max(0, names.Count - 2)).ToList();
            for (var k = 0; k < items.Count; k++)
            {
                var f = new List<string> { "gen=list", size, k == 0 ? "item=first" : k == items.Count - 1 ? "item=last" : "item=middle" };
                f.Add(listCue);
                f.Add(listClass);
                if (inner.Count > 0)
                {
                    var last = names[k][^1];
                    var alike = inner.Count(n => n.Length > 0 && n[^1] == last) * 2 >= inner.Count;
                    f.Add(alike ? "siblings=same-end" : "siblings=other-end");
                    var lengths = inner.Count(n => Math.Abs(n.Length - names[k].Length) <= 2) * 2 >= inner.Count;
                    f.Add(lengths ? "siblings=same-length" : "siblings=other-length");
                    if (inner.All(n => n.Length <= 8 && n.All(ParseContext.IsCjk))) f.Add("siblings=short");
                    f.Add(inner.Count(EndsInHeadNoun) * 2 >= inner.Count ? "siblings=headed" : "siblings=unheaded");
                }
                Variants(names[k], items[k].Start, f, first: k == 0, last: k == items.Count - 1);
            }
        }

        /// <summary>The last cue word that ends at or before <paramref name="before"/> in <paramref name="s"/>, or null.</summary>
        private static string? LastCue(string s, int before)
        {
            var best = (At: -1, Cue: (string?)null);
            foreach (var cue in Cues)
            {
                var at = s.LastIndexOf(cue, Math.Max(0, before - cue.Length), StringComparison.Ordinal);
                if (at >= 0 && at + cue.Length <= before && at + cue.Length > best.At) best = (at + cue.Length, cue);
            }
            return best.Cue;
        }

        /// <summary>
        /// The names an item offers: as it stands; for a list's first item, the words after each cue word, 的 or a
        /// scale (…亿级); for its last, the words before 等, a count (2个) or a role (为重点); and the parts joined by 和/及/与.
        /// </summary>
        private void Variants(string item, int start, List<string> features, bool first, bool last)
        {
            // A first item may carry the list's head, a last one its tail: whether a cut was made is a feature of those only.
            var heads = new List<(int At, string Why)> { (0, first ? "none" : "") };
            if (first)
            {
                foreach (var cue in Cues)
                    for (var k = item.IndexOf(cue, StringComparison.Ordinal); k >= 0;
                         k = item.IndexOf(cue, k + 1, StringComparison.Ordinal))
                        if (k + cue.Length < item.Length) heads.Add((k + cue.Length, Feature("cue=", cue)));
                var de = item.LastIndexOf('的');
                if (de >= 0 && de + 1 < item.Length) heads.Add((de + 1, "after=的"));
                foreach (Match m in Scale().Matches(item)) heads.Add((m.Index + m.Length, "after=scale"));
            }
            var tails = new List<(int At, string Why)> { (item.Length, last ? "none" : "") };
            if (last)
            {
                var deng = TrackReader.LastTopLevel(item, '等');
                if (deng > 0) tails.Add((deng, "before=等"));
                if (Count().Match(item) is { Success: true } cm) tails.Add((cm.Index, "before=count"));
                foreach (var role in Roles)
                {
                    var r = item.LastIndexOf(role, StringComparison.Ordinal);
                    if (r > 0) tails.Add((r, "before=role"));
                }
            }
            foreach (var (hs, hw) in heads)
                foreach (var (te, tw) in tails)
                {
                    if (te - hs < 2) continue;
                    var f = new List<string>(features);
                    if (hw.Length > 0) f.Add(Feature("head=", hw.StartsWith("cue=", StringComparison.Ordinal) ? "cue" : hw));
                    if (tw.Length > 0) f.Add(Feature("tail=", tw));
                    if (hw.StartsWith("cue=", StringComparison.Ordinal)) f.Add(hw);
                    var name = item[hs..te];
                    Add(name, start + hs, f);
                    // 新能源及装备制造 is one direction, 人工智能和机器人 two: both readings are proposed.
                    var joins = PolicyParser.SplitTopLevel(name, 0, name.Length, "和及与");
                    if (joins.Count > 1)
                        foreach (var (js, jl) in joins)
                            if (jl >= 2) Add(name.Substring(js, jl), start + hs + js, [.. f, "part"]);
                }
        }

        private static readonly string[] Roles = ["为重点", "为主导", "为主", "为核心", "为引领", "为支撑", "为特色", "为方向", "为代表"];

        /// <summary>The candidates with the features of the name itself and of the whole document added.</summary>
        public List<TrackCandidate> Finish(IReadOnlySet<string> umbrellas)
        {
            var list = new List<TrackCandidate>(_order.Count);
            foreach (var name in _order)
            {
                // An umbrella word (未来产业, 传统产业) names a class; the draft lists it only when a rule made it the document's
                // subject (未来产业培育行动方案).
                var (start, occurrences, f, finding) = _byName[name];
                if (umbrellas.Contains(name) || (finding is null && _v.UmbrellaIndustries.Contains(name, StringComparer.Ordinal))) continue;
                NameFeatures(name, f, umbrellas);
                var n = Occurrences(name);
                f.Add("occ=" + (n >= 5 ? "5+" : n >= 3 ? "3-4" : n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (c.Title.Length > 0 && c.Title.Contains(name, StringComparison.Ordinal)) f.Add("in=title");
                // A name inside another candidate's name, or holding one: the model weighs the nesting.
                var nested = false;
                var holds = false;
                foreach (var other in _order)
                {
                    if (other.Length == name.Length) continue;
                    if (other.Length > name.Length && other.Contains(name, StringComparison.Ordinal)) nested = true;
                    else if (other.Length < name.Length && name.Contains(other, StringComparison.Ordinal)) holds = true;
                }
                if (nested) f.Add("nested");
                if (holds) f.Add("holds");
                f.Add("bias");
                foreach (var o in occurrences)
                {
                    // Grown once (the order the sets enumerate in, and so the model's sum, is the same).
                    o.EnsureCapacity(o.Count + f.Count);
                    o.UnionWith(f);
                }
                list.Add(new TrackCandidate(name, start, occurrences, finding));
            }
            return list;
        }

        private int Occurrences(string name)
        {
            var n = 0;
            for (var at = _text.IndexOf(name, StringComparison.Ordinal); at >= 0 && n < 5;
                 at = _text.IndexOf(name, at + name.Length, StringComparison.Ordinal)) n++;
            return n;
        }

        private void NameFeatures(string name, HashSet<string> f, IReadOnlySet<string> umbrellas) =>
            TrackCandidates.NameFeatures(name, f, _v, umbrellas);
    }

    /// <summary>
    /// The class a list says its items are, from its last item's tail: the last two characters of what follows 等 or a count
    /// (激光装备、光电显示、微电子信息技术等产业 → 产业; 食品加工、智能纺织产业集群2个 → 集群), or null.
    /// </summary>
    internal static string? ListClass(string last)
    {
        var deng = TrackReader.LastTopLevel(last, '等');
        var tail = deng > 0 ? last[(deng + 1)..] : Count().Match(last) is { Success: true } m ? m.Value : null;
        if (tail is null) return null;
        const string counts = "个家项大类条一二两三四五六七八九十百千万";
        var words = new string([.. tail.Where(ParseContext.IsCjk).Where(ch => !counts.Contains(ch, StringComparison.Ordinal))]);
        return words.Length >= 2 ? words[^2..] : null;
    }

    /// <summary>Features of the name's own characters: length, classes, its last characters, function words, verbs, places.</summary>
    internal static void NameFeatures(string name, ISet<string> f, PolicyVocabulary v, IReadOnlySet<string> umbrellas)
    {
        var len = name.Length;
        var bucket = len <= 6 ? len.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : len <= 8 ? "7-8" : len <= 12 ? "9-12" : "13+";
        f.Add(Feature("len=", bucket));
        f.Add(Feature("end1=", name[^1..]));
        // Not kept in the table of features: the last two or three characters of every name ever read would fill it.
        if (len >= 2) f.Add(string.Concat("end2=", name.AsSpan(len - 2)));
        if (len >= 3) f.Add(string.Concat("end3=", name.AsSpan(len - 3)));
        f.Add(Feature("start1=", name[..1]));
        if (name.Any(char.IsAsciiDigit)) f.Add("has=digit");
        if (name.Any(char.IsAsciiLetter)) f.Add("has=latin");
        if (name.Any(ch => !ParseContext.IsCjk(ch) && !char.IsAsciiLetterOrDigit(ch))) f.Add("has=mark");
        foreach (var w in FunctionWords)
            if (name.IndexOf(w, 1) > 0 && name.IndexOf(w, 1) < len - 1) f.Add(Feature("fw=", w.ToString()));
        if (Any(v.IndustryHeads, name, Ends)) f.Add("headword");
        if (EndsInHeadNoun(name)) f.Add("headnoun");
        if (Any(v.UmbrellaIndustries, name, Is) || umbrellas.Contains(name)) f.Add("umbrella");
        if (Any(v.TaskHeadingVerbs, name, Starts) || Any(v.TitleVerbs, name, Starts)) f.Add("verb=start");
        else if (Any(v.TaskHeadingVerbs, name, Holds) || Any(v.TitleVerbs, name, Holds)) f.Add("verb=inside");
        if (Any(v.TaskHeadingVerbs, name, Ends)) f.Add("verb=end");
        if (v.Gazetteer.Find(name) is not null) f.Add("place=whole");
        else if (v.Gazetteer.PrefixOf(name) is not null) f.Add("place=start");
        if (Any(v.DirectionClassWords, name, Ends)) f.Add("classword");
    }

    private enum Test { Is, Starts, Holds, Ends }

    private const Test Is = Test.Is, Starts = Test.Starts, Holds = Test.Holds, Ends = Test.Ends;

    /// <summary>Whether a word of <paramref name="words"/> is, starts, is in or ends <paramref name="name"/> (a loop: no closure
    /// for each of the many names the learned reader weighs).</summary>
    private static bool Any(IReadOnlyList<string> words, string name, Test test)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var found = test switch
            {
                Test.Is => string.Equals(name, w, StringComparison.Ordinal),
                Test.Starts => name.StartsWith(w, StringComparison.Ordinal),
                Test.Holds => name.Contains(w, StringComparison.Ordinal),
                _ => name.EndsWith(w, StringComparison.Ordinal),
            };
            if (found) return true;
        }
        return false;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> Features = new();

    /// <summary>
    /// <paramref name="prefix"/> + <paramref name="value"/>, one string for each pair: the features of every proposal are drawn from
    /// a small set, and building them anew for each was most of the learned reader's allocation (its cost is the collector's).
    /// </summary>
    private static string Feature(string prefix, string value) =>
        Features.TryGetValue((prefix, value), out var f) ? f : Features.GetOrAdd((prefix, value), string.Concat(prefix, value));

    /// <summary>5500亿级, 千亿级, 百亿: a scale before a cluster's name.</summary>
    [GeneratedRegex(@"[0-9一二两三四五六七八九十百千万]+(?:亿|万)?(?:元)?级", RegexOptions.CultureInvariant)]
    private static partial Regex Scale();

    /// <summary>产业集群2个, 3个未来产业: a count closing a list's last item.</summary>
    [GeneratedRegex(@"(?:产业集群|集群|产业)?[0-9一二两三四五六七八九十]+(?:个|家|项|大|类|条)\S*$", RegexOptions.CultureInvariant)]
    private static partial Regex Count();
}

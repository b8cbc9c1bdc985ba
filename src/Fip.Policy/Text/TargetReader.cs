using System.Globalization;

namespace Fip.Policy.Text;

/// <summary>
/// The target phase: every figure with a unit inside the scope of a goal year (到2026年…, holding to the next heading)
/// or a period (“十五五”期间, 5年内), a clause-opening year for its sentence, and counts after a target verb stated without
/// a year (in the opening, or hedged with 力争); comparator, indicator and unit as written.
/// </summary>
internal sealed partial class TargetReader
{
    internal sealed record Findings(IReadOnlyList<PolicyTarget> Targets, IReadOnlyList<UnplacedItem> Unplaced);

    private readonly ParseContext _c;
    private readonly string text;
    private readonly PolicyVocabulary _v;
    private readonly List<PolicyTarget> _targets = [];
    private readonly List<UnplacedItem> _unplaced = [];
    /// <summary>The clause of 分别 being read and the members its figures go to, in order.</summary>
    private (int Start, IReadOnlyList<string> Members)? _distribution;

    private TargetReader(ParseContext context)
    {
        _c = context;
        text = context.Text;
        _v = context.Vocabulary;
    }

    public static Findings Read(ParseContext context)
    {
        var reader = new TargetReader(context);
        reader.FindTargets();
        return new Findings(reader._targets, reader._unplaced);
    }

    private void FindTargets()
    {
        // 关于…的建议》收悉。现将我厅意见函告如下: a reply to a suggestion reports what was done and supported; it sets no goals.
        if (IsReply())
        {
            _unplaced.Add(new UnplacedItem("quantity", "A reply to a suggestion: its figures report, they set no goals.",
                _c.Span(_c.BodyStart, 0)));
            return;
        }
        // A goal year or period holds from where it is stated to the next heading: the paragraphs under 二、发展目标 that
        // follow 到2026年 (——产业链条建立健全。…, 产业能级更高。…) state goals for that year too.
        int? paragraphYear = null;
        string? paragraphPeriod = null;
        // An untitled plan's year: the five-year period its opening sentence names (根据《…“十四五”…规划》，制定本规划).
        var documentYear = DocumentYear(_c.Title);
        // 特制订本实施计划(2018—2022年)。: a titled plan may state its span in its opening sentence only.
        if (documentYear is null)
        {
            var stop = text.IndexOf('。', Math.Min(_c.BodyStart, text.Length));
            if (stop > 0) documentYear = DocumentYear(_c.Sub(_c.BodyStart, stop));
        }
        // 特制订本实施计划(2018—2022年): the span a preamble gives this document (本…) before the first heading.
        if (documentYear is null)
        {
            var preambleEnd = _c.Outline.Count > 0 ? _c.Outline[0].Source.Offset : text.Length;
            foreach (System.Text.RegularExpressions.Match span in PolicyParser.BracketedYears().Matches(text, 0))
            {
                if (span.Index < _c.BodyStart || span.Index >= preambleEnd) continue;
                var own = text.LastIndexOf('本', span.Index - 1, Math.Min(8, span.Index));
                if (own < 0 || span.Index - own > 8) continue;
                documentYear = DocumentYear(span.Value);
                break;
            }
        }
        // 金乡县2021年国民经济和社会发展计划: an annual plan's title names the one year its labelled goals are for.
        var titleYears = TitleYear().Matches(_c.Title);
        int? titleYear = DocumentYear(_c.Title) is null && titleYears.Count == 1
            ? int.Parse(titleYears[0].Groups["y"].Value, CultureInfo.InvariantCulture)
            : null;
        // 二、建设目标 / 到2023年，… / (一)升级…(二)打造…: the year a goal heading's own paragraph states holds for the items
        // numbered under it too, until a heading of its level or above.
        (int Level, int? Year, string? Period)? goalFrame = null;
        // 主要目标是:…;一般公 / 共预算收入年均增长10%以上;…: a line broken inside a word continues its sentence, so a goal label
        // the broken sentence holds still labels the next line up to its first stop.
        var labelCarried = false;
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s || s < _c.BodyStart) continue;
            var carried = labelCarried && ParseContext.IsCjk(text[s]);
            labelCarried = false;
            if (OutlineReader.IsHeadingLine(_c.Sub(s, e)))
            {
                carried = false;
                var at = _c.SectionAt(s);
                if (goalFrame is { } frame && at >= 0 && _c.Outline[at].Source.Offset == s && _c.Outline[at].Level > frame.Level)
                {
                    paragraphYear = frame.Year;
                    paragraphPeriod = frame.Period;
                }
                else { paragraphYear = null; paragraphPeriod = null; goalFrame = null; }
            }
            var line = _c.Sub(s, e);
            var lineStatesYear = PolicyParser.GoalYear().IsMatch(line) || PolicyParser.ClauseYear().IsMatch(line)
                || PolicyParser.GoalPeriod().IsMatch(line);
            foreach (var (ss, sl) in PolicyParser.SplitTopLevel(text, s, e, "。！？!?"))
            {
                if (sl == 0) continue;
                var sentenceEnd = ss + sl;
                int? sentenceYear = null;
                string? sentencePeriod = null;
                // Goal years and periods hold for the rest of the paragraph; a clause-opening year for its sentence.
                var goals = PolicyParser.GoalYear().Matches(text.Substring(ss, sl));
                var periods = PolicyParser.GoalPeriod().Matches(text.Substring(ss, sl));
                var clauseYears = PolicyParser.ClauseYear().Matches(text.Substring(ss, sl));
                var events = new List<(int At, int? Year, string? Period, bool Persist)>();
                foreach (System.Text.RegularExpressions.Match m in goals)
                {
                    var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
                    // 从2015年末的57.02亿元增长到2020年的78.93亿元 in a plan for 2021-2025: a goal year before the document's own
                    // is a date reached, so the paragraph reports what was achieved.
                    events.Add(documentYear is { } own && y < own ? (ss + m.Index, null, PastFrame, true) : (ss + m.Index, y, null, true));
                }
                foreach (System.Text.RegularExpressions.Match m in periods) events.Add((ss + m.Index, null, m.Value, true));
                // “十三五”期间，… / “十三五”以来，… in a plan for 2021-2025: a five-year period that ended before the document's own
                // year frames a review; the figures after it, to the next heading or year, were achieved.
                if (documentYear is { } first)
                    for (var m = PolicyParser.ReviewPeriod().Match(text, ss, sl); m.Success; m = m.NextMatch())
                        if (FiveYearPeriodStart(m.Groups["n"].Value) + 4 < first) events.Add((m.Index, null, PastFrame, true));
                // Under a goal heading a clause-opening year (一、工作目标 … 2025年，经济总量突破…) states the goal year as 到2025年
                // does: it holds for the rest of the paragraph, not only its sentence.
                var underGoal = UnderGoalHeading(ss);
                foreach (System.Text.RegularExpressions.Match m in clauseYears)
                {
                    if (events.Any(x => Math.Abs(x.At - (ss + m.Index)) <= 3)) continue;
                    var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
                    // 2020年,海洋生产总值达到1027亿元 in a plan for 2021-2025: a year before the document's own is a statistic.
                    events.Add(documentYear is { } own && y < own
                        ? (ss + m.Index, null, PastFrame, false)
                        : (ss + m.Index, y, null, underGoal));
                }
                // 主要预期目标为：地区生产总值增长7%以上；…: a goal label and its colon open goals for the rest of the sentence.
                if (GoalLabelAt(ss, sl) is { } labelled && !events.Any(x => x.At <= labelled))
                {
                    events.Add((labelled, titleYear, null, false));
                    if (ss + sl == e && ParseContext.IsCjk(text[e - 1])) labelCarried = true;
                }
                else if (carried && ss == s && !events.Any(x => x.At <= ss)) events.Add((ss, titleYear, null, false));
                // A full date (2019年1月1日至…) states when a measure applies, not a goal: it clears the sentence's year.
                var dated = PolicyParser.FullDate().IsMatch(text.Substring(ss, sl));
                // 2020年本市新材料规上总产值2663亿元，同比增长10.8%，“十三五”期间年均增长率6.2%: a sentence reporting change on a
                // past year states figures achieved, whatever its years and periods say, unless it sets a goal year.
                var statistic = goals.Count == 0
                    && _v.StatisticWords.Any(w => text.AsSpan(ss, sl).Contains(w.AsSpan(), StringComparison.Ordinal));
                events.Sort((a, b) => a.At.CompareTo(b.At));
                foreach (System.Text.RegularExpressions.Match q in _c.Quantity.Matches(text, ss))
                {
                    if (q.Index >= sentenceEnd) break;
                    if (statistic)
                    {
                        _unplaced.Add(new UnplacedItem("quantity",
                            "A figure of a sentence reporting change on a past year: achieved, not a goal.",
                            _c.Span(q.Index, q.Length)));
                        continue;
                    }
                    // 规划范围为…，合计32个乡镇: what the plan covers, not a goal.
                    var lead = _c.Sub(ss, q.Index);
                    if (_v.ScopeWords.Any(w => lead.Contains(w, StringComparison.Ordinal)))
                    {
                        _unplaced.Add(new UnplacedItem("quantity", "A figure describing the plan's scope, not a goal.",
                            _c.Span(q.Index, q.Length)));
                        continue;
                    }
                    int? year = paragraphYear;
                    var period = paragraphPeriod;
                    var hasContext = paragraphYear is not null || paragraphPeriod is not null;
                    foreach (var ev in events)
                    {
                        if (ev.At > q.Index) break;
                        year = ev.Year; period = ev.Period; hasContext = true;
                    }
                    // 一、工作目标 / (三)市场主体活力增强。…培育…企业5家以上: under a goal heading a figure is a goal even when its
                    // paragraph states no year, if the document dates its goals (an annual plan's title year is their year) or the
                    // goal section states a goal year elsewhere ((一)…力争到2027年); a paragraph that states its year later
                    // (充分发挥…优势，…。到2027年，…) opens with its framing, not goals.
                    if (!hasContext && !dated && !lineStatesYear && UnderGoalHeading(q.Index)
                        && (titleYear is not null || GoalSectionStatesYear(q.Index)))
                    {
                        Target(q, ss, sentenceEnd, titleYear, null);
                        continue;
                    }
                    if (!hasContext)
                    {
                        if (!dated && YearlessGoal(q, ss)) Target(q, ss, sentenceEnd, null, null);
                        continue;
                    }
                    if (dated && events.Count == 0 && paragraphYear is null && paragraphPeriod is null) continue;
                    if (ReferenceEquals(period, PastFrame))
                    {
                        _unplaced.Add(new UnplacedItem("quantity", "A figure of a year before the document's own: a statistic, not a goal.",
                            _c.Span(q.Index, q.Length)));
                        continue;
                    }
                    Target(q, ss, sentenceEnd, year, year is null ? period : null);
                }
                if (!statistic)
                    foreach (var ev in events.Where(x => x.Persist))
                    {
                        paragraphYear = ev.Year;
                        paragraphPeriod = ev.Period;
                        var section = _c.SectionAt(ss);
                        if (section >= 0 && _c.Outline[section] is var goalHeading
                            && _v.GoalHeadingWords.Any(w => goalHeading.Title.Contains(w, StringComparison.Ordinal)))
                            goalFrame = (goalHeading.Level, ev.Year, ev.Period);
                    }
                _ = sentenceYear; _ = sentencePeriod;
            }
        }
    }

    /// <summary>Where a goal label with its colon (<c>goalLabels</c>: 主要预期目标为：) opens in the sentence; null when none does.</summary>
    private int? GoalLabelAt(int start, int length)
    {
        var sentence = text.AsSpan(start, length);
        foreach (var label in _v.GoalLabels)
        {
            var at = sentence.IndexOf(label, StringComparison.Ordinal);
            if (at >= 0 && at + label.Length < sentence.Length && sentence[at + label.Length] is ':' or '：') return start + at;
        }
        return null;
    }

    /// <summary>An item's number: 1. , 2．, 3、.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("[0-9]{1,2}[.．、]\\s*(?![0-9])")]
    private static partial System.Text.RegularExpressions.Regex ItemNumber();

    /// <summary>A year a title names (2021年), outside a span.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("(?<![0-9—–\\-~～至到])(?<y>20[0-9]{2})年(?![—–\\-~～至到])")]
    private static partial System.Text.RegularExpressions.Regex TitleYear();

    /// <summary>The frame of a clause year before the document's own year (a review's statistic).</summary>
    private const string PastFrame = "past";

    /// <summary>
    /// The first year a document covers, from its title: the start of a bracketed span (<c>（2021-2025年）</c>) or of a named
    /// five-year period (<c>“十四五”</c> → 2021); null when the title states neither.
    /// </summary>
    internal static int? DocumentYear(string title)
    {
        var span = PolicyParser.BracketedYears().Match(title);
        if (span.Success)
            return int.Parse(System.Text.RegularExpressions.Regex.Match(span.Value, "[0-9]{4}").Value, CultureInfo.InvariantCulture);
        // 第十四个五年规划 spells out “十四五”.
        var period = System.Text.RegularExpressions.Regex.Match(title, "十([一二三四五六七八九])个?五");
        if (!period.Success) return null;
        return FiveYearPeriodStart(period.Groups[1].Value);
    }

    /// <summary>The first year of the five-year period whose ordinal ends in <paramref name="digit"/> (四 → “十四五” → 2021).</summary>
    private static int FiveYearPeriodStart(string digit) => 2021 + 5 * (PolicyParser.ChineseNumber("十" + digit) - 14);

    /// <summary>
    /// A goal stated without a year: a count right after a target verb (建成1个…, 部署10个以上…), in the opening that
    /// precedes the first heading (the preamble of 若干措施 states what the measures are for) or in a clause hedged with
    /// 力争/争取; never in a clause that grants (给予, 奖励, 最高…), which states a rule of the measure.
    /// </summary>
    private bool YearlessGoal(System.Text.RegularExpressions.Match q, int sentenceStart)
    {
        if (!_v.CountUnits.Contains(q.Groups["u"].Value, StringComparer.Ordinal)) return false;
        var cs = q.Index;
        while (cs > sentenceStart && !ParseContext.ClauseSeparators.Contains(text[cs - 1], StringComparison.Ordinal)) cs--;
        var ce = q.Index + q.Length;
        while (ce < text.Length && !ParseContext.ClauseSeparators.Contains(text[ce], StringComparison.Ordinal) && text[ce] != '\n') ce++;
        var clause = _c.Sub(cs, ce);
        if (_v.NotGoalWords.Any(w => clause.Contains(w, StringComparison.Ordinal))) return false;
        var opening = _c.Outline.Count == 0 || q.Index < _c.Outline[0].Source.Offset;
        var hedged = _v.YearlessGoalWords.Any(w => clause.Contains(w, StringComparison.Ordinal));
        // 支持企业建设3个创新平台: a measure that supports others' work states what it funds, not a count it commits to.
        // 关于推动工业互联网加快发展的通知: a document that names no year, no period and no goal heading anywhere states its goals
        // as the counts its tasks commit to, as a document of measures does; never in a sentence that grants (每引进…，给予…).
        var measures = (IsMeasuresDocument() || ((_yearless ??= NoticeWithoutAYear()) && !GrantingSentence(sentenceStart, q.Index)))
            && !_v.SupportWords.Any(w => clause.Contains(w, StringComparison.Ordinal));
        if (!opening && !measures && !hedged) return false;
        var before = _c.Sub(cs, q.Index);
        foreach (var w in _v.FloorBefore.Concat(_v.AboutBefore))
            if (before.EndsWith(w, StringComparison.Ordinal)) { before = before[..^w.Length]; break; }
        if (_v.TargetNounVerbs.Any(v => before.EndsWith(v, StringComparison.Ordinal))) return true;
        // 新开通5G基站15万个以上，总数达到30万个以上: a measure's count may follow the noun its verb opens, or a goal verb.
        return measures
            && (_v.TargetNounVerbs.Any(v => before.StartsWith(v, StringComparison.Ordinal) && before.Length - v.Length <= 10)
                || _v.GoalVerbs.Any(v => v.Length > 1 && before.EndsWith(v, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Whether the document is a reply: its first lines (the addressee's, the acknowledgement's) hold a word that acknowledges the
    /// suggestion answered (<c>replyMarkers</c>: …的建议》收悉).
    /// </summary>
    private bool IsReply()
    {
        var lines = 0;
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s) continue;
            if (++lines > 4) break;
            if (_v.ReplyMarkers.Any(w => text.AsSpan(s, e - s).Contains(w, StringComparison.Ordinal))) return true;
        }
        return false;
    }

    private bool? _yearless;

    /// <summary>
    /// Whether the document is a notice that states its matters itself (现就有关事项通知如下; no title, or a title that ends in 通知)
    /// and names no year (2020年), no five-year period (十四五) and no goal heading anywhere. A plan without a year (某市…实施方案)
    /// states no goals by its counts.
    /// </summary>
    private bool NoticeWithoutAYear() =>
        (_c.Title.Length == 0 || _c.Title.EndsWith("通知", StringComparison.Ordinal))
        && _v.HeadingLeadIns.Any(w => w.Length > 2 && w.StartsWith("通知", StringComparison.Ordinal)
            && text.Contains(w, StringComparison.Ordinal))
        && !AnyYear().IsMatch(text)
        && !_c.Outline.Any(h => _v.GoalHeadingWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal)));

    /// <summary>A year (2020年, 2020 年) or a five-year period (十三五).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("(?:19|20)[0-9]{2}\\s*年|十[一二三四五六七]五")]
    private static partial System.Text.RegularExpressions.Regex AnyYear();

    /// <summary>Whether the sentence around <paramref name="at"/> grants or funds (<c>notGoalWords</c>: 给予, 奖励, 每…).</summary>
    private bool GrantingSentence(int sentenceStart, int at)
    {
        var end = at;
        while (end < text.Length && text[end] is not ('。' or '；' or ';' or '\n')) end++;
        var sentence = _c.Sub(sentenceStart, end);
        return _v.NotGoalWords.Any(w => sentence.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>
    /// A document of measures (若干措施, 政策措施: <c>measureKinds</c> in its title) states the counts its measures are to reach
    /// without a year: they are goals of its frame wherever they stand.
    /// </summary>
    private bool IsMeasuresDocument()
    {
        var title = _c.Title;
        return title.Length > 0 && _v.MeasureKinds.Any(k => title.Contains(k, StringComparison.Ordinal));
    }

    private void Target(System.Text.RegularExpressions.Match q, int sentenceStart, int sentenceEnd, int? year, string? period)
    {
        if (q.Index >= _c.TruncatedFrom)
        {
            _unplaced.Add(new UnplacedItem("quantity", "A figure in the clause the text is cut in.", _c.Span(q.Index, q.Length)));
            return;
        }
        // The clause around the figure: commas and semicolons bound it, 、 does not.
        var cs = q.Index;
        var depth = 0;
        while (cs > sentenceStart)
        {
            var c = text[cs - 1];
            if (PolicyParser.IsClose(c)) depth++;
            else if (PolicyParser.IsOpen(c)) { if (depth == 0) break; depth--; }
            else if (depth == 0 && ParseContext.ClauseSeparators.Contains(c, StringComparison.Ordinal)) break;
            cs--;
        }
        var ce = q.Index + q.Length;
        depth = 0;
        while (ce < sentenceEnd)
        {
            var c = text[ce];
            if (PolicyParser.IsOpen(c)) depth++;
            else if (PolicyParser.IsClose(c)) { if (depth == 0) break; depth--; }
            else if (depth == 0 && ParseContext.ClauseSeparators.Contains(c, StringComparison.Ordinal)) break;
            ce++;
        }
        // 1. 地区生产总值增长7.5%: an item's number is no part of its clause.
        if (ItemNumber().Match(text, cs, q.Index - cs) is { Success: true } item && item.Index == cs) cs += item.Length;
        // (一)升级达到…: a goal item's number is no part of its clause.
        if (cs < q.Index && PolicyParser.IsOpen(text[cs]) && PolicyParser.Level2().Match(text, cs, Math.Min(8, q.Index - cs)) is
            { Success: true, Index: var mi } mark && mi == cs)
            cs += mark.Length;
        if (ReportsOrComputes(q, cs))
        {
            _unplaced.Add(new UnplacedItem("quantity", "A figure of a fact done (确定了…) or of a rate on a base (按…的25%), not a goal.",
                _c.Span(q.Index, q.Length)));
            return;
        }
        // Inside brackets: an aside, not a goal; but (其中…不少于3项) states a sub-goal of its own.
        if (depth > 0 || (cs > 0 && PolicyParser.IsOpen(text[cs - 1]) && text[cs - 1] != '“'
            && !_v.SubGoalOpenings.Any(w => text.AsSpan(cs).StartsWith(w, StringComparison.Ordinal)))) return;
        decimal value;
        decimal? upper = null;
        string unit;
        TargetComparator? approximate = null;
        if (q.Groups["frac"].Success)
        {
            value = PolicyParser.FractionValue(q.Groups["frac"].Value) ?? 0;
            unit = "比例";
        }
        else if (q.Groups["one"].Success)
        {
            value = 1;
            unit = q.Groups["one"].Value + q.Groups["u"].Value; // 超万亿元: one 万亿元
        }
        else if (q.Groups["cn"].Success)
        {
            value = PolicyParser.ChineseNumber(q.Groups["cn"].Value);
            unit = q.Groups["u"].Value;
            approximate = ApproximateNumeral(q.Index, q.Groups["cn"].Value, cs);
            // 两种技术路径 after 侵入式、非侵入式: a count as large as the 、-list just before it counts that list, it is no goal.
            var listed = _c.Sub(cs, q.Index);
            if (!q.Groups["bare"].Success && value >= 2 && value <= 10 && !listed.Contains('等', StringComparison.Ordinal)
                && TrackReader.TopLevelCount(listed, '、') == (int)value - 1)
            {
                _unplaced.Add(new UnplacedItem("quantity", "A count of the list before it, not a goal.", _c.Span(cs, ce - cs)));
                return;
            }
        }
        else
        {
            value = decimal.Parse(q.Groups["v"].Value, CultureInfo.InvariantCulture);
            if (q.Groups["hi"].Success) upper = decimal.Parse(q.Groups["hi"].Value, CultureInfo.InvariantCulture);
            unit = q.Groups["u"].Value + q.Groups["per"].Value; // 3000例/年: a per-year series
            // 新材料、医药健康、绿色食品、轻工纺织4个特色产业: written in digits too, a count as large as the 、-list right before it,
            // with no verb in its clause to make the list a goal, counts that list (the members of a class), it is no goal.
            var listed = _c.Sub(cs, q.Index);
            if (!q.Groups["bare"].Success && !q.Groups["hi"].Success && value is >= 2 and <= 10 && value == decimal.Truncate(value)
                && _v.CountUnits.Contains(q.Groups["u"].Value, StringComparer.Ordinal) && listed.Length > 0
                && ParseContext.IsCjk(listed[^1]) && !listed.Contains('等', StringComparison.Ordinal)
                // …4个特色产业: the class noun follows the count (食品加工、智能纺织产业集群2个 closes its items with their figure)
                && q.Index + q.Length < ce && ParseContext.IsCjk(text[q.Index + q.Length])
                && TrackReader.TopLevelCount(listed, '、') == (int)value - 1
                && !_v.GoalVerbs.Concat(_v.EnumerationVerbs).Concat(_v.TargetNounVerbs)
                    .Any(w => listed.Contains(w, StringComparison.Ordinal)))
            {
                _unplaced.Add(new UnplacedItem("quantity", "A count of the list before it, not a goal.", _c.Span(cs, ce - cs)));
                return;
            }
        }
        var afterStart = q.Index + q.Length;
        var after = _c.Sub(afterStart, ce);
        var scaleClass = false;
        // 超过五千亿规模: an amount without 元 before a scale word is in 元; the scale word names no indicator.
        if (q.Groups["bare"].Success)
        {
            unit += "元";
            var follower = _v.BareAmountFollowers.First(w => after.StartsWith(w, StringComparison.Ordinal));
            afterStart += follower.Length;
            after = after[follower.Length..];
            // 百亿级企业 qualifies its noun; 核心产业规模达到百亿级， states a class the goal reaches; 形成千亿级空天信息产业集群
            // states a cluster or an industry of that class as the goal.
            if (_v.BareAmountClassFollowers.Contains(follower, StringComparer.Ordinal))
            {
                if (after.Length > 0 && !ScaleClassGoal(cs, q.Index, after))
                {
                    _unplaced.Add(new UnplacedItem("quantity", "A scale class that qualifies a noun, not a goal.", _c.Span(cs, ce - cs)));
                    return;
                }
                scaleClass = true;
            }
        }
        // 5000千万亿次浮点指令/秒(PFLOPS)以上: a bracketed Latin gloss of the unit is no part of what follows it.
        if (after.Length > 2 && after[0] is '(' or '（' && after.IndexOfAny([')', '）']) is var close and > 1
            && after[1..close].All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '.' or ' '))
        {
            afterStart += close + 1;
            after = after[(close + 1)..];
        }
        // 20亿元人民币: a currency named after an amount's 元 is part of its unit, not the indicator.
        if (unit.EndsWith('元') && _v.CurrencyWordsAfter.FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal)) is { } currency)
        {
            afterStart += currency.Length;
            after = after[currency.Length..];
        }
        var comparator = scaleClass ? TargetComparator.AtLeast : upper is null ? TargetComparator.Equal : TargetComparator.Between;
        string? word;
        if ((word = _v.FloorAfter.FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal))) is not null)
            comparator = TargetComparator.AtLeast;
        else if ((
            word = _v.CeilingAfter.FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal))) is not null) comparator =
                TargetComparator.AtMost;
        else if ((
            word = _v.AboutAfter.FirstOrDefault(w => after.StartsWith(w, StringComparison.Ordinal))) is not null) comparator =
                TargetComparator.About;
        if (word is not null) { afterStart += word.Length; after = after[word.Length..]; }
        if (q.Groups["more"].Success && comparator == TargetComparator.Equal) comparator = TargetComparator.AtLeast; // 十余家
        if (approximate is { } approx && comparator == TargetComparator.Equal) comparator = approx; // 上百家, 近千家
        // 3个以上的量产人形机器人产品: a count's 的 joins it to its noun; 50%的标准 qualifies something else.
        if (after.StartsWith('的') && _v.CountUnits.Contains(unit, StringComparer.Ordinal) && after.Length > 2) after = after[1..];
        // 50%的城市社区建成…: a share joined by 的 to a noun a goal verb follows counts that noun.
        var share = unit == "%" && after.StartsWith('的') && _v.ShareVerbs.Any(w => after.IndexOf(w, StringComparison.Ordinal) >= 3);
        if (share) after = after[1..];
        // 通用大模型1个、专用模型10个: the figure closes its item, the noun came before it.
        if (after.StartsWith('、')) after = "";
        // 整机新产品50项(其中…不少于3项): a bracketed sub-goal after the figure is not its noun.
        if (after.Length > 1 && PolicyParser.IsOpen(after[0])
            && _v.SubGoalOpenings.Any(w => after.AsSpan(1).StartsWith(w, StringComparison.Ordinal)))
            after = "";
        var before = _c.Sub(cs, q.Index);
        if (ScaleClassThreshold(unit, before, after))
        {
            _unplaced.Add(new UnplacedItem("quantity", "The threshold of a scale class a count in its clause counts, not a goal.",
                _c.Span(cs, ce - cs)));
            return;
        }
        // 在荆州、黄冈两市社零额过千亿元基础上: a figure in the frame 在…基础上 is the baseline a goal builds on, not a goal.
        if (_v.BaselineOpenings.Any(w => before.StartsWith(w, StringComparison.Ordinal))
            && _v.BaselineClosings.Any(w => after.Contains(w, StringComparison.Ordinal)))
        {
            _unplaced.Add(new UnplacedItem("quantity", "A baseline (在…基础上) a goal builds on, not a goal.", _c.Span(cs, ce - cs)));
            return;
        }
        // 新增黄石、十堰、荆门、孝感4个…城市: a count right after the names it counts says how many were named, not a goal.
        if (_v.CountUnits.Contains(unit, StringComparer.Ordinal) && NamedItemsCounted(before, value))
        {
            _unplaced.Add(new UnplacedItem("quantity", "A count of the items named just before it, not a goal.", _c.Span(cs, ce - cs)));
            return;
        }
        if (CountOfALeadRole(unit, before, after))
        {
            _unplaced.Add(new UnplacedItem("quantity", "A count of what a 以…为重点 frame names as its focus, not a goal.",
                _c.Span(cs, ce - cs)));
            return;
        }
        if (comparator == TargetComparator.Equal)
        {
            // 突破5项关键技术: a floor verb before a count with its noun after it takes the items as its object.
            if (_v.FloorBefore.FirstOrDefault(w => before.EndsWith(w, StringComparison.Ordinal)) is { } floor
                && !(_v.ObjectFloorVerbs.Contains(floor, StringComparer.Ordinal) && _v.CountUnits.Contains(unit, StringComparer.Ordinal)
                     && after.Length >= 2 && ParseContext.IsCjk(after[0]) && after[0] != '的'))
                comparator = TargetComparator.AtLeast;
            else if (_v.CeilingBefore.Any(w => before.EndsWith(w, StringComparison.Ordinal))) comparator = TargetComparator.AtMost;
            else if (_v.AboutBefore.Any(w => before.EndsWith(w, StringComparison.Ordinal))) comparator = TargetComparator.About;
        }
        // Indicator: the noun after the figure (推出50个以上关键产品), else the subject before the verb (机械化率达到70%).
        string indicator;
        var nextFigure = NextFigureAt(after);
        if (nextFigure >= 0) after = after[..nextFigure];
        after = after.TrimEnd('和', '及', '、', '与');
        // 50%的标准, 3年后, 百亿元级企业: the figure qualifies something else.
        if (_v.QualifierWordsAfter.Any(w => after.StartsWith(w, StringComparison.Ordinal)))
        {
            _unplaced.Add(
                new UnplacedItem("quantity", "A figure in a goal paragraph that qualifies something else, not a goal.",
                    _c.Span(cs, ce - cs)));
            return;
        }
        // 经济总量跨上3400亿元台阶: a level word after the figure is what is reached; the subject before is the indicator.
        if (share || (after.Length >= 2 && unit != "%" && !_v.LevelWordsAfter.Any(w => after.StartsWith(w, StringComparison.Ordinal))))
            indicator = after;
        else
        {
            var b = before;
            // 65%和55%: the second figure shares the first one's subject.
            var previous = _targets.Count > 0 ? _targets[^1] : null;
            if (previous is not null && previous.Source.Offset == cs && (b.EndsWith('和') || b.EndsWith('、') || b.EndsWith('及')))
            {
                // 分别超过350亿元和2000亿元: the comparator before the first figure governs the second too, unless the first
                // closed with its own (65%以上和55%).
                var shared = comparator == TargetComparator.Equal && previous.Comparator != TargetComparator.Equal
                    && !_v.FloorAfter.Concat(_v.CeilingAfter).Concat(_v.AboutAfter)
                        .Any(w => b[..^1].EndsWith(w, StringComparison.Ordinal));
                var member = _distribution is { Start: var ds, Members: var ms } && ds == cs
                    ? ms[Math.Min(_targets.Count(t => t.Source.Offset == cs), ms.Count - 1)]
                    : previous.Indicator;
                _targets.Add(previous with
                {
                    Indicator = member,
                    Value = value,
                    UpperValue = upper,
                    Unit = unit,
                    Comparator = shared ? previous.Comparator : comparator,
                });
                return;
            }
            // 培育示范园区5个、标杆企业20家: the item before the figure, after the enumeration's last 、.
            if (!b.Contains('均', StringComparison.Ordinal) && !b.Contains("分别", StringComparison.Ordinal))
            {
                var last = TrackReader.LastTopLevel(b, '、');
                if (last >= 0 && last < b.Length - 2) b = b[(last + 1)..];
            }
            indicator = StripVerbs(b);
            // 全区高新技术企业和科技型企业在2022年的基础上实现“双倍增”，分别超过90家和870家: 分别 with no subject of its own gives its
            // figures, in order, to the members of the subject of the clause before it.
            if (_v.DistributiveWords.Contains(indicator, StringComparer.Ordinal)
                && DistributedSubject(sentenceStart, cs, ce) is { } members)
            {
                indicator = members[0];
                _distribution = (cs, members);
            }
            // 累计提高3个百分点，年均提高0.6个百分点: a clause of pace and growth only shares the subject of the goal before it.
            if (previous is not null && previous.Source.Offset >= sentenceStart && OnlyPace(indicator))
            {
                var shared = previous.Indicator;
                for (var stripped = true; stripped;)
                {
                    stripped = false;
                    foreach (var w in _v.GrowthWords.Concat(_v.PaceWords))
                        if (shared.EndsWith(w, StringComparison.Ordinal) && shared.Length > w.Length + 1)
                        {
                            shared = shared[..^w.Length];
                            stripped = true;
                        }
                }
                // 营业总收入达到2.5亿元，年均增长25%以上: a pace in another unit than the goal before measures the subject's growth,
                // an indicator of its own; in the same unit (累计提高3个百分点，年均提高0.6个百分点) it is a pace of that goal.
                indicator = previous.Unit == unit ? shared : shared + indicator;
            }
            // 数字经济增加值增长55%以上、达到5.5万亿元: a predicate joined by 、 with no subject of its own shares the one before.
            if ((indicator.Length == 0 || _v.GoalVerbs.Contains(indicator, StringComparer.Ordinal)) && previous is not null
                && previous.Source.Offset >= cs && previous.Source.Offset < q.Index)
            {
                // 增长55%以上、达到5.5万亿元: the level reached is of the subject, not of its growth.
                indicator = previous.Indicator;
                foreach (var g in _v.GrowthWords)
                    if (indicator.EndsWith(g, StringComparison.Ordinal) && indicator.Length > g.Length + 1)
                    {
                        indicator = indicator[..^g.Length];
                        break;
                    }
            }
        }
        indicator = CleanIndicator(indicator);
        if (indicator.Length < 2)
        {
            _unplaced.Add(new UnplacedItem("quantity", "A figure in a goal paragraph with no indicator read.", _c.Span(cs, ce - cs)));
            return;
        }
        var (qs, ql) = PolicyParser.Trim(text, cs, ce - cs);
        var target = new PolicyTarget(year, period, indicator, value, upper, unit, comparator, _c.SectionAt(cs), _c.Span(qs, ql));
        _targets.Add(target);
        // 马铃薯种植、收获机械化率均达到45%: one goal per listed item.
        if (before.Contains('均', StringComparison.Ordinal) && indicator.Contains('、', StringComparison.Ordinal))
            for (var k = 1; k < indicator.Split('、').Length; k++) _targets.Add(target);
    }

    /// <summary>
    /// 上百家, 数十个, 几百项, 逾千家: a prefix of approximation before a round Chinese numeral makes it a floor; 近千家, 将近百个:
    /// about. Null for a numeral with no such prefix (百家, 十余家) or not round (上三个 is no figure of this kind).
    /// </summary>
    private TargetComparator? ApproximateNumeral(int at, string numeral, int clauseStart)
    {
        var before = _c.Sub(clauseStart, at);
        if (_v.ApproximateAboutPrefixes.Any(w => before.EndsWith(w, StringComparison.Ordinal))) return TargetComparator.About;
        if (numeral.Length > 0 && numeral[0] is '十' or '百' or '千' or '万'
            && _v.ApproximateFloorPrefixes.Any(w => before.EndsWith(w, StringComparison.Ordinal)))
            return TargetComparator.AtLeast;
        return null;
    }

    /// <summary>
    /// 形成千亿级空天信息产业集群: a scale class right after a target verb, qualifying a compact name that ends in a cluster or an
    /// industry head (<c>scaleClassGoalHeads</c>), is a goal for that name. After a count (2个千亿级产业集群) the count is the
    /// goal; qualifying firms or anything else (百亿级企业) it is no goal.
    /// </summary>
    private bool ScaleClassGoal(int clauseStart, int at, string after)
    {
        var before = _c.Sub(clauseStart, at);
        if (!_v.TargetNounVerbs.Any(v => before.EndsWith(v, StringComparison.Ordinal))) return false;
        return after.Length is >= 3 and <= 16 && after.All(ParseContext.IsCjk) && !after.Contains('的', StringComparison.Ordinal)
            && _v.ScaleClassGoalHeads.Any(h => after.EndsWith(h, StringComparison.Ordinal) && after.Length > h.Length);
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
        r = r.Trim();
        // 2021年增速实现15%: the year a clause opens with is its goal year, not part of the indicator; nor is 实现 (achieve).
        if (LeadingYear().Match(r) is { Success: true } y && r.Length > y.Length + 1) r = r[y.Length..];
        foreach (var verb in _v.AchieveVerbs)
            if (r.EndsWith(verb, StringComparison.Ordinal) && r.Length > verb.Length + 1) { r = r[..^verb.Length]; break; }
        // 并争取入选2~3名: a conjunction opens the clause, it is no part of the indicator.
        foreach (var c in _v.IndicatorConjunctions)
            if (r.StartsWith(c, StringComparison.Ordinal) && r.Length > c.Length + 1) { r = r[c.Length..]; break; }
        return r;
    }

    /// <summary>
    /// 打造营业收入超千亿元高新区15个, 过10亿元企业50家, 建材2个产值过1000亿元: an amount after a threshold word
    /// (<c>classThresholdWords</c>) that qualifies a noun counted right after it in the clause, or that follows a count and
    /// the measure it thresholds, defines a scale class; the count is the goal, as with 纳税过1亿元的企业达30家.
    /// </summary>
    private bool ScaleClassThreshold(string unit, string before, string after)
    {
        if (!unit.EndsWith('元') || _v.ClassThresholdWords.FirstOrDefault(w => before.EndsWith(w, StringComparison.Ordinal)) is not { } word)
            return false;
        var next = NextFigureAt(after);
        if (next is > 0 and <= 12 && after[..next].All(ParseContext.IsCjk)
            && _c.Quantity.Match(after, next) is { Success: true } counted && counted.Index == next
            && _v.CountUnits.Contains(counted.Groups["u"].Value, StringComparer.Ordinal))
            return true;
        return CountBeforeMeasure().IsMatch(before[..^word.Length]);
    }

    /// <summary>
    /// Whether <paramref name="before"/> ends in a 、-list of places (divisions, full or short), two or more, whose number is
    /// <paramref name="value"/> (新增黄石、十堰、荆门、孝感 before 4个): the count closes the list of the places it counts. A list
    /// of industries closed by 等 and a count (A、B等5个产业集群) is a goal's members, not named places.
    /// </summary>
    private bool NamedItemsCounted(string before, decimal value)
    {
        var items = before.Split('、');
        if (items.Length < 2 || items.Length != value) return false;
        // The first item holds the clause's verb (新增黄石): its place is what ends it.
        return items.Skip(1).All(i => _v.Gazetteer.Find(i) is not null)
            && Enumerable.Range(0, items[0].Length - 1).Any(k => _v.Gazetteer.Find(items[0][k..]) is not null);
    }

    /// <summary>
    /// The members a clause of 分别 (<c>distributiveWords</c>) distributes its figures to: the subject of the clause before it,
    /// up to its first frame or verb (在…基础上, 实现, a goal verb), split at 和, 与, 及 and 、; null unless there are as many
    /// members as figures in the clause, each a name of two characters or more.
    /// </summary>
    private IReadOnlyList<string>? DistributedSubject(int sentenceStart, int clauseStart, int clauseEnd)
    {
        if (clauseStart - 1 <= sentenceStart) return null;
        var ps = clauseStart - 1;
        while (ps > sentenceStart && !ParseContext.ClauseSeparators.Contains(text[ps - 1], StringComparison.Ordinal)) ps--;
        var subject = _c.Sub(ps, clauseStart - 1);
        var stop = subject.Length;
        foreach (var w in _v.BaselineOpenings.Concat(_v.AchieveVerbs).Concat(_v.GoalVerbs.Where(v => v.Length > 1)))
        {
            var at = subject.IndexOf(w, StringComparison.Ordinal);
            if (at > 0 && at < stop) stop = at;
        }
        var members = subject[..stop].Split(['和', '与', '及', '、']);
        var figures = 0;
        for (var m = _c.Quantity.Match(text, clauseStart); m.Success && m.Index < clauseEnd; m = m.NextMatch()) figures++;
        return members.Length >= 2 && members.Length == figures && members.All(m => m.Length >= 2 && m.All(ParseContext.IsCjk))
            ? members
            : null;
    }

    /// <summary>2021年, 力争2021年: a year that opens an indicator's words.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:力争|争取)?(?:19|20)[0-9]{2}年")]
    private static partial System.Text.RegularExpressions.Regex LeadingYear();

    /// <summary>2个产值: a count and then the measure (at most six characters) a threshold word follows.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[0-9一二两三四五六七八九十]+[个家]\p{IsCJKUnifiedIdeographs}{1,6}$")]
    private static partial System.Text.RegularExpressions.Regex CountBeforeMeasure();

    /// <summary>
    /// 以汤池、杨河…等6个特色乡镇为重点: a count in a clause that 以 opens, whose noun a lead role (为重点, 为核心…) follows,
    /// says which members the frame puts first; it is no goal.
    /// </summary>
    private bool CountOfALeadRole(string unit, string before, string after)
    {
        if (!_v.CountUnits.Contains(unit, StringComparer.Ordinal) || !before.StartsWith('以')) return false;
        var role = _v.LayoutRoles.Select(r => after.IndexOf(r, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        return role > 0 && role <= 10 && after[..role].All(ParseContext.IsCjk);
    }

    /// <summary>Whether the goal section holding <paramref name="offset"/> (from its goal heading to the next heading of its level
    /// or above) states a goal year anywhere.</summary>
    private bool GoalSectionStatesYear(int offset)
    {
        var section = _c.SectionAt(offset);
        for (var i = section; i >= 0; i--)
        {
            var h = _c.Outline[i];
            if (!_v.GoalHeadingWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal))) continue;
            if (i != section && !_c.Ancestors(section).Contains(h)) continue;
            var end = text.Length;
            for (var k = i + 1; k < _c.Outline.Count; k++)
                if (_c.Outline[k].Level <= h.Level) { end = _c.Outline[k].Source.Offset; break; }
            return PolicyParser.GoalYear().IsMatch(_c.Sub(h.Source.Offset, end));
        }
        return false;
    }

    /// <summary>Whether a section's heading or one above it is a goal heading (二、发展目标).</summary>
    private bool UnderGoalHeading(int offset)
    {
        var section = _c.SectionAt(offset);
        return section >= 0 && _c.Ancestors(section).Any(h => _v.GoalHeadingWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal)));
    }

    /// <summary>
    /// 确定了11个方面共196项重点工作: 了 right after a verb marks an action done, so the figures after it in its clause report a
    /// fact (goals are stated with no aspect: 到2025年，建成…); 按国家、省补助资金的25%给予配套: a share of a base that 按 opens is
    /// the rate a measure computes with, not a goal.
    /// </summary>
    private bool ReportsOrComputes(System.Text.RegularExpressions.Match q, int clauseStart)
    {
        for (var at = text.IndexOf('了', clauseStart, q.Index - clauseStart); at >= 0;
             at = at + 1 < q.Index ? text.IndexOf('了', at + 1, q.Index - at - 1) : -1)
        {
            if (at == clauseStart || !ParseContext.IsCjk(text[at - 1]) || IsPerfectiveException(at)) continue;
            return true;
        }
        if (q.Groups["u"].Value != "%" || q.Index == clauseStart || text[q.Index - 1] != '的') return false;
        var lead = text.Substring(clauseStart, q.Index - clauseStart);
        return _v.RateBases.Any(w => lead.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>Whether the 了 at <paramref name="at"/> belongs to a word of <c>perfectiveExceptions</c> (为了, 除了).</summary>
    private bool IsPerfectiveException(int at)
    {
        foreach (var w in _v.PerfectiveExceptions)
        {
            var k = w.IndexOf('了', StringComparison.Ordinal);
            if (k < 0 || at - k < 0 || at - k + w.Length > text.Length) continue;
            if (text.AsSpan(at - k, w.Length).SequenceEqual(w)) return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="s"/> is made only of pace and growth words (年均提高, 每年增长).</summary>
    private bool OnlyPace(string s)
    {
        var rest = s;
        for (var stripped = true; stripped && rest.Length > 0;)
        {
            stripped = false;
            foreach (var w in _v.PaceWords.Concat(_v.GrowthWords))
                if (rest.StartsWith(w, StringComparison.Ordinal)) { rest = rest[w.Length..]; stripped = true; }
        }
        return rest.Length == 0 && s.Length > 0 && _v.PaceWords.Any(w => s.StartsWith(w, StringComparison.Ordinal));
    }

    private int NextFigureAt(string s)
    {
        for (var i = 0; i < s.Length; i++)
            if (char.IsAsciiDigit(s[i]) && _c.Quantity.Match(s, i) is { Success: true } m && m.Index == i) return i;
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
                         .Concat(_v.IndicatorStripWords))
            {
                if (s.EndsWith(w, StringComparison.Ordinal) && s.Length > w.Length) { s = s[..^w.Length]; changed = true; }
            }
        }
        if (s.StartsWith("其中", StringComparison.Ordinal)) s = s[2..];
        // 从2019年起 / 到2026年底 opening the clause is context, not the indicator; so after a hedge (力争到2030年底产值超…).
        foreach (var hedge in _v.IndicatorHedges)
            if (s.StartsWith(hedge, StringComparison.Ordinal) && PolicyParser.GoalYear().Match(s, hedge.Length) is { Success: true } hm
                && hm.Index == hedge.Length)
            {
                s = s[hedge.Length..];
                break;
            }
        var m = PolicyParser.GoalYear().Match(s);
        if (m.Success && m.Index == 0) s = s[m.Length..];
        return s.TrimStart('，', ',', '、');
    }
}

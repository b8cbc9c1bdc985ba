using System.Globalization;
using System.Text.RegularExpressions;
using Fip.Policy.Text;

namespace Fip.Policy;

/// <summary>
/// Reads a Chinese policy document (指导意见, 行动方案, 实施意见…) into a <see cref="PolicyDraft"/>. The rules follow the
/// grammar of official documents (GB/T 9704 numbering, responsibility notes after a task's last sentence, 到YYYY年
/// goal paragraphs); the names they key on come from <see cref="PolicyVocabulary"/>. Thread-safe: one parser can
/// serve many documents at once.
/// </summary>
public sealed partial class PolicyParser
{
    private readonly PolicyVocabulary _v;
    private readonly Regex _quantity;
    private readonly TrackModel _model;

    /// <summary>
    /// A parser using <paramref name="vocabulary"/>, or the built-in data when null, and the learned track reader's
    /// <paramref name="model"/>, or the built-in one when null (<see cref="TrackModel.RulesOnly"/>: the rules' tracks).
    /// </summary>
    public PolicyParser(PolicyVocabulary? vocabulary = null, TrackModel? model = null)
    {
        _v = vocabulary ?? PolicyVocabulary.Default;
        _model = model ?? TrackModel.Default;
        var units = string.Join('|', _v.Units.Select(Regex.Escape));
        var cnUnits = string.Join('|', _v.ChineseNumeralUnits.Select(Regex.Escape));
        var more = string.Join('|', _v.MoreWords.Select(Regex.Escape));
        var per = _v.PerUnitSuffixes.Count == 0 ? "(?!)" : string.Join('|', _v.PerUnitSuffixes.Select(Regex.Escape));
        // 超过五千亿规模, 500亿规模: an amount written without 元 before a scale word (the unit is 亿元).
        var bareUnits = string.Join('|', _v.BareAmountUnits.Select(Regex.Escape));
        var bareFollowers = string.Join('|', _v.BareAmountFollowers.Select(Regex.Escape));
        var bare = _v.BareAmountUnits.Count == 0 || _v.BareAmountFollowers.Count == 0
            ? "(?!)"
            : $"(?<u>{bareUnits})(?<bare>(?={bareFollowers}))";
        // 超万亿元, 突破万亿元: after a floor or goal word, 万亿元 with no figure is one 万亿元.
        var indexes = _v.IndexWords.Count == 0 ? "(?!)" : string.Join('|', _v.IndexWords.Select(Regex.Escape));
        // 指数达到160以上: the comparator after an index's bare value.
        var indexAfter = string.Join('|', _v.FloorAfter.Concat(_v.CeilingAfter).Concat(_v.AboutAfter).Select(Regex.Escape));
        var reach = string.Join('|', _v.FloorBefore.Concat(_v.GoalVerbs).Distinct().OrderByDescending(w => w.Length).Select(Regex.Escape));
        // A figure, an optional range end, then a unit: 50个, 1.2亿千瓦, 95%, 3—12个月, 10余家 (万 and 亿 multiply any unit:
        // 2万公里, 2万家); an index's bare value after its goal verb (指数达到125); a Chinese numeral of two or
        // more with a count unit (百家, 十余家, 两个; not 一个, which is prose); or a fraction word (一半, 三分之一).
        _quantity = new Regex(
            $@"(?<![0-9.A-Za-z第])(?<v>[0-9]+(?:\.[0-9]+)?)(?:\s*[—\-~～至" +
            $@"到]\s*(?<hi>[0-9]+(?:\.[0-9]+)?))?\s*(?<more>{more})?(?<u>(?:万|亿)?(?:{units}))(?<per>{per})?(?![A-Za-z](?![类级型]))" +
            $@"|(?<![一二两三四五六七八九十百千万第每前后“""])(?<cn>[两三四五六七八九十百千][一二两三四五六七八九十百千万]*)(?<more>{more})?(?<u>{cnUnits})" +
            $@"|(?<=(?:{reach}))(?<one>万)(?<u>亿元)" +
            $@"|(?=[0-9])(?<![0-9.])(?<=(?:{indexes})(?:{reach}))(?<v>[0-9]+(?:\.[0-9]+)?)(?<u>)" +
            $@"(?!(?!(?:{indexAfter}))[0-9.%A-Za-z\p{{IsCJKUnifiedIdeographs}}])" +
            $@"|(?<frac>一半|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)" +
            $@"|(?<![0-9.A-Za-z第一二两三四五六七八九十百千万])(?:(?<v>[0-9]+(?:\.[0-9]+)?)|(?<cn>[两三四五六七八九十百千][一二两三四五六七八九十百千万]*)){bare}",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    /// <summary>Parses <paramref name="text"/> with the built-in vocabulary.</summary>
    public static PolicyDraft ParseText(string text) => new PolicyParser().Parse(text);

    /// <summary>Reads and parses a <c>.txt</c> or <c>.docx</c> file.</summary>
    /// <exception cref="PolicyFileException">The file cannot be read.</exception>
    public PolicyDraft ParseFile(string path) => Parse(PolicyFileReader.ReadFile(path));

    /// <summary>
    /// Parses <paramref name="text"/> into a draft plan; every item points into the draft's text, which is
    /// <paramref name="text"/> without the blanks extraction put inside clauses (<see cref="BlankNormaliser"/>) and without the
    /// numbers a document site put before the pieces it cut the text into (<see cref="ChunkMarkers"/>).
    /// </summary>
    public PolicyDraft Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (context, layout, heading) = ReadOutline(text);
        var tracks = LearnedTracks.Select(context, TrackReader.Read(context), _model);
        context = context with { Tracks = tracks.Tracks };
        var notes = NoteReader.Read(context);
        var targets = TargetReader.Read(context);
        var places = PlaceReader.Read(context);
        return DraftAssembler.Assemble(context, layout, heading, tracks, notes, targets, places);
    }

    /// <summary>The learned track reader's candidates of <paramref name="text"/>: names as written, with their features.</summary>
    internal List<(string Name, IReadOnlyList<IReadOnlySet<string>> Occurrences)> Candidates(string text)
    {
        var (context, _, _) = ReadOutline(text);
        var rules = TrackReader.Read(context);
        return [.. TrackCandidates.Generate(context, rules.Tracks, rules.Umbrellas)
            .Select(c => (context.AsWritten(c.Name), c.Occurrences))];
    }

    /// <summary>
    /// The phases before the tracks: blanks removed, then layout, title and outline, each reading the context the phases before it
    /// left (see Text/ParseContext.cs).
    /// </summary>
    private (ParseContext Context, LayoutReader.Findings Layout, TitleReader.Findings Heading) ReadOutline(string text)
    {
        text = BlankNormaliser.Normalise(ChunkMarkers.Join(text));
        var context = ParseContext.Create(text, _v, _quantity);
        var layout = LayoutReader.Read(context);
        context = context with { Lines = layout.Lines, TruncatedFrom = layout.TruncatedFrom };
        var heading = TitleReader.Read(context);
        context = context with { Title = heading.Title, BodyStart = heading.BodyStart };
        return (context with { Outline = OutlineReader.Read(context) }, layout, heading);
    }

    // --- shared helpers -----------------------------------------------------------------------------------------

    internal static bool IsOpen(char c) => c is '（' or '(' or '〔' or '[' or '【' or '“' or '《';
    internal static bool IsClose(char c) => c is '）' or ')' or '〕' or ']' or '】' or '”' or '》';

    /// <summary>Splits at <paramref name="separators"/> that are not inside brackets or quotes; yields (start, length) in <paramref
    /// name="s"/>.</summary>
    internal static List<(int Start, int Length)> SplitTopLevel(string s, int start, int end, string separators)
    {
        var parts = new List<(int, int)>();
        var depth = 0;
        var from = start;
        for (var i = start; i < end; i++)
        {
            var c = s[i];
            if (IsOpen(c)) depth++;
            else if (IsClose(c)) depth = Math.Max(0, depth - 1);
            else if (depth == 0 && separators.Contains(c, StringComparison.Ordinal))
            {
                parts.Add((from, i - from));
                from = i + 1;
            }
        }
        parts.Add((from, end - from));
        return parts;
    }

    /// <summary>Trims spaces (ASCII and ideographic) from a [start, start+length) range.</summary>
    internal static (int Start, int Length) Trim(string s, int start, int length)
    {
        var end = start + length;
        while (start < end && (char.IsWhiteSpace(s[start]) || s[start] == '\u3000')) start++;
        while (end > start && (char.IsWhiteSpace(s[end - 1]) || s[end - 1] == '\u3000')) end--;
        return (start, end - start);
    }

    /// <summary>The value of a Chinese numeral: 十二 → 12, 百 → 100, 两千 → 2000, 三万五千 → 35000; digits as digits.</summary>
    internal static int ChineseNumber(string s)
    {
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        const string digits = "零一二三四五六七八九";
        int total = 0, section = 0, current = 0;
        foreach (var c in s)
        {
            var d = c == '两' ? 2 : digits.IndexOf(c, StringComparison.Ordinal);
            if (d >= 0) { current = d; continue; }
            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit > 0) { section += (current == 0 ? 1 : current) * unit; current = 0; }
            else if (c == '万') { total += (section + current) * 10000; section = 0; current = 0; }
        }
        return total + section + current;
    }

    internal static decimal? FractionValue(string s)
    {
        if (s == "一半") return 0.5m;
        var at = s.IndexOf("分之", StringComparison.Ordinal);
        if (at <= 0) return null;
        var den = ChineseNumber(s[..at]);
        var num = ChineseNumber(s[(at + 2)..]);
        return den == 0 ? null : Math.Round((decimal)num / den, 4);
    }

    /// <summary>一、; 二 、 where a republishing page doubled the mark (二,、, its comma read as a space); 第一章; an article 第一条.</summary>
    [GeneratedRegex(@"^(?:[一二三四五六七八九十百零]+ ?、|第[一二三四五六七八九十百零]+[章篇条]\s*)", RegexOptions.CultureInvariant)]
    internal static partial Regex Level1();

    /// <summary>第一节: a section of a chapter (a heading only under a 第一章 heading).</summary>
    [GeneratedRegex(@"^第[一二三四五六七八九十百零]+节\s*", RegexOptions.CultureInvariant)]
    internal static partial Regex ChapterSection();

    /// <summary>
    /// （一）, (一), and ( 一 ) with blanks inside the brackets; (-), the (一) whose stroke a PDF's text layer read as a hyphen.
    /// </summary>
    [GeneratedRegex(@"^[（(][ \u3000]*(?:[一二三四五六七八九十百零]+|[-－](?=[）)]))[ \u3000]*[）)]", RegexOptions.CultureInvariant)]
    internal static partial Regex Level2();

    /// <summary>1. 1、 1． and the small full stop 1﹒ of some republishing pages.</summary>
    [GeneratedRegex(@"^[0-9]{1,3}\s*[.、．﹒](?![0-9])", RegexOptions.CultureInvariant)]
    internal static partial Regex Level3();

    /// <summary>（1）, (1), a half-bracketed 1) or 1）, and a circled ① … ⑳.</summary>
    [GeneratedRegex(@"^(?:[（(][ \u3000]*[0-9]{1,3}[ \u3000]*[）)]|[0-9]{1,3}[）)](?![0-9])|[\u2460-\u2473])", RegexOptions.CultureInvariant)]
    internal static partial Regex Level4();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]{1,10}〔[0-9]{4}〕[0-9]+号", RegexOptions.CultureInvariant)]
    internal static partial Regex IssuingNumberPattern();

    [GeneratedRegex(@"《(?<t>[^《》\n]{1,120})》(?:\s*[（(](?<n>[^（）()\n]{0,30}〔[0-9]{4}〕[0-9]+号)[）)])?", RegexOptions.CultureInvariant)]
    internal static partial Regex ReferencePattern();

    /// <summary>到2025年, 至2030年底, 截至2026年末: a goal year that holds for the rest of the paragraph.</summary>
    [GeneratedRegex(
        @"(?:到|至(?<![0-9]年?至)|截至|截止到?|展望)(?<y>(?:19|20)[0-9]{2})年(?:底|末)?(?:前)?|(?<y>(?:19|20)[0-9]{2})年(?:底|末)?前(?![三两几一" +
        @"二])|(?<y>(?:19|20)[0-9]{2})年[0-9]{1,2}月(?:底|末)?前", RegexOptions.CultureInvariant)]
    internal static partial Regex GoalYear();

    /// <summary>“十四五”, 十四五: the five-year period a plan's title names.</summary>
    [GeneratedRegex(@"[“""]?十[一二三四五六七八九]五[”""]?", RegexOptions.CultureInvariant)]
    internal static partial Regex NamedPlanPeriod();

    /// <summary>“十三五”期间, 十三五以来, “十三五”时期: a five-year period named as the time of what a sentence reports.</summary>
    [GeneratedRegex(@"十(?<n>[一二三四五六七八九])五[”""]?(?:期间|时期|以来)", RegexOptions.CultureInvariant)]
    internal static partial Regex ReviewPeriod();

    /// <summary>(2024—2026年), （2023-2025年）: the period a title covers.</summary>
    [GeneratedRegex(@"[（(][0-9]{4}\s*[—\-–－~～至]\s*[0-9]{4}\s*年?[）)]", RegexOptions.CultureInvariant)]
    internal static partial Regex BracketedYears();

    /// <summary>A year opening a clause (2020年初步建成…, 从2019年起, 自2019年开始, 力争2021年…); not a full date (2019年1月1日).</summary>
    [GeneratedRegex(@"(?:^|(?<=[，,。；;：:\n]))(?:从|自|在|力争|争取)?(?<y>(?:19|20)[0-9]{2})年(?![0-9]{1,2}月[0-9]{1,2}日)(?!以来)(?![0-9]{1,2}月)",
        RegexOptions.CultureInvariant)]
    internal static partial Regex ClauseYear();

    /// <summary>“十五五”期间, 十四五末, 5年内, 三年内, 用5年时间, 经过五年努力, a span opening its clause (2021至2023年，): a period without a year.</summary>
    [GeneratedRegex(@"[“""]?(?<p>十[四五六七]五)[”""]?(?:期间|时期|末)|(?<p>[0-9一二两三四五六七八九十]+年内)" +
        @"|(?<![^，,。；;：:\n])(?<p>(?:19|20)[0-9]{2}年?(?:至|到|—|－|-)(?:19|20)[0-9]{2}年)(?=[，,])" +
        @"|(?:用|经过)(?<p>[0-9一二两三四五六七八九十]+年)(?:左右)?的?(?:时间|努力)", RegexOptions.CultureInvariant)]
    internal static partial Regex GoalPeriod();

    [GeneratedRegex(@"(?:促进|推动|支持)(?<x>[\p{IsCJKUnifiedIdeographs}“”+]{2,30}?)(?:加快发展|提质升级|转型升级|高质量发展|规模化|发展)",
        RegexOptions.CultureInvariant)]
    internal static partial Regex DevelopmentObject();

    [GeneratedRegex(@"[0-9]{1,2}月[0-9]{1,2}日", RegexOptions.CultureInvariant)]
    internal static partial Regex FullDate();
}

namespace Fip.Policy;

/// <summary>
/// A stretch of the document text an item was read from: <see cref="Offset"/> and <see cref="Length"/> count UTF-16
/// code units in <see cref="PolicyDraft.Text"/>, and <see cref="Quote"/> is exactly that stretch.
/// </summary>
/// <param name="Offset">Where the quote starts in the document text.</param>
/// <param name="Length">How many UTF-16 code units it spans.</param>
/// <param name="Quote">The words themselves, as written.</param>
public sealed record SourceSpan(int Offset, int Length, string Quote)
{
    /// <summary>The span of <paramref name="length"/> code units at <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public static SourceSpan Of(string text, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset + length > text.Length) throw new ArgumentOutOfRangeException(nameof(length));
        return new SourceSpan(offset, length, text.Substring(offset, length));
    }

    /// <summary>The offset just after the quote.</summary>
    public int End => Offset + Length;
}

/// <summary>How a heading is numbered, which in Chinese official documents fixes its level.</summary>
public enum HeadingStyle
{
    /// <summary><c>一、</c>: level 1.</summary>
    ChineseNumeral,
    /// <summary><c>（一）</c>: level 2.</summary>
    ParenthesizedChineseNumeral,
    /// <summary><c>1.</c> or <c>1、</c>: level 3.</summary>
    ArabicNumeral,
    /// <summary><c>（1）</c>: level 4.</summary>
    ParenthesizedArabicNumeral,
    /// <summary><c>第一节</c> under a <c>第一章</c>: level 2 (a plan's chapters and their sections).</summary>
    ChapterSection,
}

/// <summary>
/// One numbered heading of the outline. <see cref="Level"/> is the level the heading takes in the outline; it differs
/// from the level its <see cref="Style"/> implies when the heading is misnumbered (a <c>（1）</c> among <c>（一）</c>s).
/// </summary>
/// <param name="Level">1 for <c>一、</c>, 2 for <c>（一）</c>, 3 for <c>1.</c>, 4 for <c>（1）</c>, after correcting misnumbering.</param>
/// <param name="Number">The ordinal the marker states (<c>（三）</c> → 3).</param>
/// <param name="Marker">The numbering as written, e.g. <c>（三）</c>.</param>
/// <param name="Title">The heading words: the whole line, or for an inline item title the words before the first 。.</param>
/// <param name="Style">The numbering style as written.</param>
/// <param name="IsInline">True when the title runs on into body text in the same paragraph (<c>1. 低空经济。以…</c>).</param>
/// <param name="IsMisnumbered">True when the marker's style does not fit the level the heading takes.</param>
/// <param name="Source">The heading as written, marker included, without the body text after an inline title.</param>
public sealed record OutlineHeading(int Level, int Number, string Marker, string Title, HeadingStyle Style, bool IsInline,
    bool IsMisnumbered, SourceSpan Source)
{
    /// <summary>Marker and title as written, e.g. <c>（1） 重点培育3个未来产业</c>.</summary>
    public string Text => Source.Quote;
}

/// <summary>How a target compares the measured figure with its value.</summary>
public enum TargetComparator
{
    /// <summary>A bare figure (达到50%).</summary>
    Equal,
    /// <summary>以上, 不少于, 超过, 突破, 至少: the figure is a floor.</summary>
    AtLeast,
    /// <summary>以内, 以下, 不超过, 不高于: the figure is a ceiling.</summary>
    AtMost,
    /// <summary>左右, 约: approximately.</summary>
    About,
    /// <summary>A range (50—80个): <see cref="PolicyTarget.Value"/> is the low end, <see cref="PolicyTarget.UpperValue"/> the high
    /// end.</summary>
    Between,
}

/// <summary>A quantitative goal the document sets.</summary>
/// <param name="Year">The year the goal is due (到2025年 → 2025; 2027年底前 → 2027); null when tied to a period only.</param>
/// <param name="Period">The period as written when there is no year (“十五五”期间, 5年内), else null.</param>
/// <param name="Indicator">What is counted, as written (关键产品).</param>
/// <param name="Value">The figure (50; 0.5 for 一半).</param>
/// <param name="UpperValue">The high end of a range, else null.</param>
/// <param name="Unit">The unit as written (个, 家, 亿元, %).</param>
/// <param name="Comparator">How the figure is to be compared.</param>
/// <param name="SectionIndex">Index in <see cref="PolicyDraft.Outline"/> of the innermost heading above the goal, or -1.</param>
/// <param name="Source">The clause stating the goal (推出50个以上关键产品).</param>
public sealed record PolicyTarget(int? Year, string? Period, string Indicator, decimal Value, decimal? UpperValue, string Unit,
    TargetComparator Comparator, int SectionIndex, SourceSpan Source);

/// <summary>The part a unit plays in a task.</summary>
public enum UnitRole
{
    /// <summary>Leads the task (牵头; the first of a list when the document says 列第一位者为牵头单位).</summary>
    Lead,
    /// <summary>Shares the task (责任单位, 按职责分工负责, 配合, 参与, or one of several 负责).</summary>
    CoResponsible,
    /// <summary>Guides the task (指导).</summary>
    Guide,
}

/// <summary>A unit named as responsible for a task.</summary>
/// <param name="Name">The name exactly as written (市发改委).</param>
/// <param name="CanonicalName">The name after the alias data (市发展和改革委员会); equal to <see cref="Name"/> when no alias is known.</param>
/// <param name="Role">Lead, co-responsible or guide.</param>
/// <param name="Source">Where the name stands (for an inherited unit: in the standing assignment).</param>
/// <param name="IsInherited">True when the unit comes from a standing assignment made earlier (以下任务均需…落实).</param>
public sealed record ResponsibleUnit(string Name, string CanonicalName, UnitRole Role, SourceSpan Source, bool IsInherited = false);

/// <summary>
/// A responsibility assignment: the units named in a note such as <c>〔市科技局、市发改委等按职责分工负责〕</c>,
/// <c>（工业和信息化部、农业农村部负责）</c> or <c>牵头单位：… 责任单位：…</c>, with the task text it closes.
/// </summary>
/// <param name="Units">The units, explicit and inherited.</param>
/// <param name="Task">The task text the note belongs to (from the previous note or paragraph start to the note).</param>
/// <param name="SectionIndex">Index in <see cref="PolicyDraft.Outline"/> of the innermost heading above the note, or -1.</param>
/// <param name="Source">The note itself, brackets included.</param>
public sealed record Responsibility(IReadOnlyList<ResponsibleUnit> Units, SourceSpan Task, int SectionIndex, SourceSpan Source);

/// <summary>A standing assignment (以下任务均需有关县（市、区）人民政府落实，不再一一列出) that applies to every later task.</summary>
/// <param name="Units">The units every following task inherits.</param>
/// <param name="Source">The sentence making the assignment.</param>
public sealed record InheritedAssignment(IReadOnlyList<ResponsibleUnit> Units, SourceSpan Source);

/// <summary>A place named as a focus layout (重点布局：邗江区).</summary>
/// <param name="Name">As written.</param>
/// <param name="CanonicalName">After the district data (扬州经开区 → 扬州经济技术开发区), else <see cref="Name"/>.</param>
/// <param name="Source">Where the name stands.</param>
public sealed record FocusPlace(string Name, string CanonicalName, SourceSpan Source);

/// <summary>A candidate chain link: one element enumerated in a track's paragraph (发动机, 螺旋桨, 飞控系统).</summary>
/// <param name="Name">The element as written, without a trailing 等.</param>
/// <param name="Source">Where it stands.</param>
public sealed record ChainElement(string Name, SourceSpan Source);

/// <summary>An industry or track the document names as one of its directions.</summary>
/// <param name="Name">As written (零碳负碳（碳捕集利用及封存）).</param>
/// <param name="TierCode">The tier code from the tier data (focus, extend, explore…), or null when no tier word applies.</param>
/// <param name="TierWords">The tier words as written in the heading or sentence (重点培育), or null.</param>
/// <param name="Places">Focus places stated for the track.</param>
/// <param name="ChainElements">Elements enumerated in the track's paragraph.</param>
/// <param name="Source">The first place the track is named.</param>
public sealed record PolicyTrack(string Name, string? TierCode, string? TierWords, IReadOnlyList<FocusPlace> Places,
    IReadOnlyList<ChainElement> ChainElements, SourceSpan Source);

/// <summary>A document the text refers to (《省政府关于加快培育发展未来产业的指导意见》（苏政发〔2023〕104号）).</summary>
/// <param name="Title">The title inside 《》.</param>
/// <param name="Number">The issuing number that follows in brackets, or null.</param>
/// <param name="Source">Title and number as written.</param>
public sealed record ReferencedDocument(string Title, string? Number, SourceSpan Source);

/// <summary>Something the parser saw but could not place; listed so that nothing is silently dropped.</summary>
/// <param name="Kind">What it looked like: <c>note</c>, <c>quantity</c>, <c>bracket</c>, <c>truncated</c>.</param>
/// <param name="Reason">Why it was not placed, in English.</param>
/// <param name="Source">The words concerned.</param>
public sealed record UnplacedItem(string Kind, string Reason, SourceSpan Source);

/// <summary>
/// The draft plan read from one policy document. Every item carries the span of <see cref="Text"/> it came from.
/// A seeder maps <see cref="Tracks"/> (by <see cref="PolicyTrack.TierCode"/>) to tiers and tracks, <see cref="Targets"/>
/// to targets, and the level-2 headings of a programmes section with their <see cref="Responsibilities"/> to programmes.
/// </summary>
/// <param name="Text">The decoded document text all spans point into.</param>
/// <param name="Title">The document title, or an empty string when none is found.</param>
/// <param name="TitleSource">Where the title stands, or null.</param>
/// <param name="IssuingNumber">The document's own issuing number (国发〔2018〕42号), or null.</param>
/// <param name="Outline">Every numbered heading, in order.</param>
/// <param name="Targets">Quantitative goals.</param>
/// <param name="Responsibilities">Responsibility notes with their units.</param>
/// <param name="InheritedAssignments">Standing assignments that apply to all later tasks.</param>
/// <param name="Tracks">Industries and tracks with tier, places and chain elements.</param>
/// <param name="Places">Every focus place, in order of first mention.</param>
/// <param name="References">Documents the text refers to.</param>
/// <param name="Unplaced">What could not be placed.</param>
public sealed record PolicyDraft(
    string Text,
    string Title,
    SourceSpan? TitleSource,
    SourceSpan? IssuingNumber,
    IReadOnlyList<OutlineHeading> Outline,
    IReadOnlyList<PolicyTarget> Targets,
    IReadOnlyList<Responsibility> Responsibilities,
    IReadOnlyList<InheritedAssignment> InheritedAssignments,
    IReadOnlyList<PolicyTrack> Tracks,
    IReadOnlyList<FocusPlace> Places,
    IReadOnlyList<ReferencedDocument> References,
    IReadOnlyList<UnplacedItem> Unplaced)
{
    /// <summary>Every distinct unit named in a responsibility note or inherited assignment, as written, in order of first
    /// mention.</summary>
    public IReadOnlyList<string> Departments
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var list = new List<string>();
            foreach (var r in Responsibilities)
                foreach (var u in r.Units)
                    if (seen.Add(u.Name)) list.Add(u.Name);
            foreach (var a in InheritedAssignments)
                foreach (var u in a.Units)
                    if (seen.Add(u.Name)) list.Add(u.Name);
            return list;
        }
    }
}

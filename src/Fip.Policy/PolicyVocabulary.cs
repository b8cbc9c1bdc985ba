using static Fip.Policy.Text.WordLists;
using System.Reflection;
using System.Text.Json;

namespace Fip.Policy;

/// <summary>
/// The normalisation and grammar data the parser reads: department aliases, places, tier words, indicator synonyms,
/// units and comparator words. Built-in data is embedded in the library (<c>Data/*.json</c>); a directory holding files
/// of the same names (<c>departments.json</c>, <c>places.json</c>, <c>grammar.json</c>, <c>tracks.json</c>,
/// <c>indicators.json</c>, <c>traditional.txt</c>, <c>gazetteer.csv</c>) replaces the built-in file of that name, so
/// another city's names need no release.
/// </summary>
public sealed class PolicyVocabulary
{
    private static readonly Lazy<PolicyVocabulary> BuiltIn = new(() => Load(null));

    private readonly Dictionary<string, string> _departmentCanonical;
    private readonly Dictionary<string, string> _placeCanonical;
    private readonly Dictionary<string, string> _indicatorCanonical;

    /// <summary>The data embedded in the library.</summary>
    public static PolicyVocabulary Default => BuiltIn.Value;

    /// <summary>Units of quantity, longest first (万亿元 before 亿元 before 元).</summary>
    public IReadOnlyList<string> Units { get; }
    internal IReadOnlyList<string> FloorAfter { get; }
    internal IReadOnlyList<string> CeilingAfter { get; }
    internal IReadOnlyList<string> AboutAfter { get; }
    internal IReadOnlyList<string> FloorBefore { get; }
    internal IReadOnlyList<string> CeilingBefore { get; }
    internal IReadOnlyList<string> AboutBefore { get; }
    internal IReadOnlyList<string> GoalVerbs { get; }
    internal IReadOnlyList<string> ResponsibilityVerbs { get; }
    internal IReadOnlyDictionary<string, UnitRole> ResponsibilityLabels { get; }
    internal IReadOnlyList<string> FirstIsLeadPhrases { get; }
    internal IReadOnlyList<string> GenericUnitTails { get; }
    internal IReadOnlyList<string> FocusLabels { get; }
    internal IReadOnlyList<string> Periods { get; }
    internal IReadOnlyList<string> GenericPlacePrefixes { get; }
    internal IReadOnlyList<string> RegionHeads { get; }
    internal IReadOnlyList<string> AreaClassWords { get; }
    internal IReadOnlyList<string> PlaceBoundaryWords { get; }
    internal IReadOnlyList<string> GenericPlaceWords { get; }
    internal IReadOnlyList<string> AreaNameHeads { get; }
    internal IReadOnlyList<string> LayoutWords { get; }
    /// <summary>The national administrative divisions (<c>gazetteer.csv</c>, GB/T 2260).</summary>
    public Gazetteer Gazetteer { get; }
    internal IReadOnlyList<string> IndicatorHedges { get; }
    /// <summary>Tiers: code, display name and the words that announce them.</summary>
    public IReadOnlyList<(string Code, string Name, IReadOnlyList<string> Words)> Tiers { get; }
    internal IReadOnlyList<string> DirectionVerbs { get; }
    internal IReadOnlyList<string> DirectionClassWords { get; }
    internal IReadOnlyList<string> DirectionSectionWords { get; }
    internal IReadOnlyList<string> IndustryHeads { get; }
    internal IReadOnlyList<string> UmbrellaIndustries { get; }
    internal IReadOnlyList<string> TitleVerbs { get; }
    internal IReadOnlyList<string> TitleTails { get; }
    internal IReadOnlyList<string> TaskHeadingVerbs { get; }
    internal IReadOnlyList<string> TitleKinds { get; }
    internal IReadOnlyList<string> TitleSubjectTails { get; }
    internal IReadOnlyList<string> PlaceSuffixes { get; }
    internal IReadOnlyList<string> TrackNamePrefixes { get; }
    internal IReadOnlyList<string> NotTrackEndings { get; }
    internal IReadOnlyList<string> NotTrackWords { get; }
    internal IReadOnlyList<string> ScenarioWords { get; }
    internal IReadOnlyList<string> ChineseNumeralUnits { get; }
    internal IReadOnlyList<string> MoreWords { get; }
    internal IReadOnlyList<string> CountUnits { get; }
    internal IReadOnlyList<string> TargetNounVerbs { get; }
    internal IReadOnlyList<string> PerUnitSuffixes { get; }
    internal IReadOnlyList<string> YearlessGoalWords { get; }
    internal IReadOnlyList<string> NotGoalWords { get; }
    internal IReadOnlyList<string> LeadRoles { get; }

    /// <summary>Weaker roles (<c>为特色</c>): what they name is an industry only when it ends in an industry head.</summary>
    internal IReadOnlyList<string> HeadedLeadRoles { get; }
    internal IReadOnlyList<string> NotIndustryEndings { get; }
    internal IReadOnlyList<string> TitleLabels { get; }
    internal IReadOnlyList<string> NotUnitWords { get; }

    /// <summary>What a responsible unit's name ends in (局, 委, 政府, 管委会…): bounds a labelled list outside brackets.</summary>
    internal IReadOnlyList<string> UnitSuffixes { get; }

    /// <summary>Words before a colon that introduce the numbered parts (<c>如下：一、…</c>).</summary>
    internal IReadOnlyList<string> HeadingLeadIns { get; }
    internal IReadOnlyList<string> StandingAssignmentOpenings { get; }
    internal IReadOnlyList<string> StandingAssignmentVerbs { get; }
    internal IReadOnlyList<string> DivisionOfLabourWords { get; }
    internal IReadOnlyList<string> IndicatorStripWords { get; }
    internal IReadOnlyList<string> NotPlaceWords { get; }
    internal IReadOnlyList<string> NotTrackHeadingWords { get; }
    internal IReadOnlyList<string> NotNounWords { get; }
    internal IReadOnlyList<string> ListVerbs { get; }
    internal IReadOnlyList<string> BecomeVerbs { get; }
    internal IReadOnlyList<string> ChainVerbs { get; }
    internal IReadOnlyList<string> EnumerationVerbs { get; }
    internal IReadOnlyList<string> CountMeasureWords { get; }
    internal IReadOnlyList<string> CountedClassHeads { get; }
    internal IReadOnlyList<string> DefinitionHeads { get; }
    internal IReadOnlyList<string> FieldWords { get; }
    internal IReadOnlyList<string> NotSubjectEndings { get; }

    /// <summary>Verbs by which an industry empowers another field (人工智能赋能经济): the name is the industry's, parser15.</summary>
    internal IReadOnlyList<string> EmpowerVerbs { get; }

    /// <summary>Words besides 和 that join two industries a title is about (及, 与), each a name of its own: parser16.</summary>
    internal IReadOnlyList<string> TitleSubjectConjunctions { get; }

    internal IReadOnlyList<string> ClauseOpeningListVerbs { get; }
    internal IReadOnlyList<string> NamedByWords { get; }
    internal IReadOnlyList<string> QualifierWordsAfter { get; }
    /// <summary>A level the figure reaches (<c>跨上3400亿元台阶</c>): no noun counted, the subject before is the indicator.</summary>
    internal IReadOnlyList<string> LevelWordsAfter { get; }
    internal IReadOnlyList<string> NamedAreaHeads { get; }
    internal IReadOnlyList<string> AreaClassModifiers { get; }
    internal IReadOnlyList<string> RegionRoleWords { get; }

    /// <summary>What follows a region head in a statistic's name (地区|生产总值): no region.</summary>
    internal IReadOnlyList<string> RegionCompounds { get; }
    internal IReadOnlyList<string> LayoutHeadingWords { get; }
    internal IReadOnlyList<string> LayoutRoles { get; }
    internal IReadOnlyList<string> NamedListOpeners { get; }
    internal IReadOnlyList<string> GenericIndustryModifiers { get; }
    internal IReadOnlyList<string> ClauseItemOpenings { get; }
    internal IReadOnlyList<string> BracketedListHeads { get; }
    internal IReadOnlyList<string> BatchWords { get; }
    internal IReadOnlyList<string> ClusterHeads { get; }
    internal IReadOnlyList<string> OpeningDevelopmentVerbs { get; }
    internal IReadOnlyList<string> ZoneHeads { get; }

    /// <summary>What a built facility's name ends in (中心, 平台…): a list of them names no industries.</summary>
    internal IReadOnlyList<string> FacilityHeads { get; }

    /// <summary>Direction verbs whose 等-list counts only when the class word closes the clause (安排, 推进).</summary>
    internal IReadOnlyList<string> WeakDirectionVerbs { get; }

    /// <summary>Conjunctions that open another object after a list's class word (以及, 和…).</summary>
    internal IReadOnlyList<string> ObjectConjunctions { get; }

    /// <summary>Words before a list's class word that make its items fields a class serves (应用领域, 下游领域): parser8.</summary>
    internal IReadOnlyList<string> ServedFieldWords { get; }

    /// <summary>The marker of a class named by its members (以A、B为重点的X): parser8.</summary>
    internal IReadOnlyList<string> FocusClassMarkers { get; }

    /// <summary>Heads a 、-list of modifiers may share (工业、服务、特种机器人): parser8.</summary>
    internal IReadOnlyList<string> SharedHeads { get; }

    /// <summary>Role words written without 为 in a series opened by 以 (以A创新引领,B支撑发展): parser8.</summary>
    internal IReadOnlyList<string> BareLeadRoles { get; }
    internal IReadOnlyList<string> ZoneBuildVerbs { get; }
    internal IReadOnlyList<string> ZoneQualifierEnds { get; }
    internal IReadOnlyList<string> ProcessEndings { get; }
    internal IReadOnlyList<string> IndustryActionWords { get; }
    internal IReadOnlyList<string> IndustryActionKinds { get; }
    internal IReadOnlyList<string> MethodRoles { get; }
    internal IReadOnlyList<string> ModeHeads { get; }
    internal IReadOnlyList<string> ModeModifiers { get; }
    internal IReadOnlyList<string> GenerationQualifiers { get; }
    internal IReadOnlyList<string> QualifiedNouns { get; }
    internal IReadOnlyList<string> ServedMarkers { get; }
    internal IReadOnlyList<string> MeasureKinds { get; }
    internal IReadOnlyList<string> IndicatorConjunctions { get; }
    internal IReadOnlyList<string> GrowthWords { get; }
    internal IReadOnlyList<string> SupportWords { get; }

    /// <summary>Words that make a sentence a report of figures achieved (同比, 比上年): parser8.</summary>
    internal IReadOnlyList<string> StatisticWords { get; }

    /// <summary>Words of pace before a growth word (年均, 累计): parser8.</summary>
    internal IReadOnlyList<string> PaceWords { get; }

    /// <summary>Verbs that issue or transmit a document named in 《…》 (印发, 起草): parser8.</summary>
    internal IReadOnlyList<string> IssuingVerbs { get; }

    /// <summary>Words after a 《…》 in its sentence that say it is issued or approved (印发, 同意): parser8.</summary>
    internal IReadOnlyList<string> IssuedAfterWords { get; }

    /// <summary>Openings of a bracket that states a sub-goal (其中): parser8.</summary>
    internal IReadOnlyList<string> SubGoalOpenings { get; }
    internal IReadOnlyList<string> SpeechWords { get; }

    /// <summary>Words of comparison before a list of places (落后于…): the places measured against, no layout.</summary>
    internal IReadOnlyList<string> ComparisonWords { get; }

    /// <summary>Words of a goal heading (目标) whose paragraph's year holds for the items under it: parser9.</summary>
    internal IReadOnlyList<string> GoalHeadingWords { get; }

    /// <summary>Names of a policy document's standard sections (重要意义, 工作目标…): a heading run into its paragraph ends after one.</summary>
    internal IReadOnlyList<string> StandardSectionNames { get; }

    /// <summary>Before a round Chinese numeral, a floor (上百, 数十, 几百, 逾千): parser9.</summary>
    internal IReadOnlyList<string> ApproximateFloorPrefixes { get; }

    /// <summary>Before a Chinese numeral, an approximate figure (近千): parser9.</summary>
    internal IReadOnlyList<string> ApproximateAboutPrefixes { get; }

    /// <summary>What a scale class may qualify to state a goal (千亿级…产业集群): parser9.</summary>
    internal IReadOnlyList<string> ScaleClassGoalHeads { get; }

    /// <summary>Bare class words of units (单位, 部门) that share the qualifier of the name before them: parser9.</summary>
    internal IReadOnlyList<string> UnitClassWords { get; }

    /// <summary>Class heads of a counted list that opens its clause as its subject (三大主导产业): parser13.</summary>
    internal IReadOnlyList<string> SubjectClassHeads { get; }

    /// <summary>Pace verbs of a development predicate (推动X加快发展): parser13.</summary>
    internal IReadOnlyList<string> DevelopmentPaceWords { get; }

    /// <summary>Qualities of development (高品质, 高水平) that open no industry's name: parser13.</summary>
    internal IReadOnlyList<string> QualityModifiers { get; }

    /// <summary>Classes of towns that close a list of their names (等6个特色乡镇): parser13.</summary>
    internal IReadOnlyList<string> SettlementClassWords { get; }

    /// <summary>Heads of the names of roads, rivers and hills (大道, 河, 山) a layout element lies on: parser13.</summary>
    internal IReadOnlyList<string> GeographicFeatureHeads { get; }

    /// <summary>A currency named after an amount's 元 (20亿元人民币), part of its unit: parser13.</summary>
    internal IReadOnlyList<string> CurrencyWordsAfter { get; }

    /// <summary>Before an amount, the threshold of a scale class that a count in its clause counts (超千亿元高新区15个): parser13.</summary>
    internal IReadOnlyList<string> ClassThresholdWords { get; }

    /// <summary>Floor words that are verbs taking the counted items as their object (突破5项关键技术): parser13.</summary>
    internal IReadOnlyList<string> ObjectFloorVerbs { get; }

    /// <summary>Words that open a document's first sentence (为, 根据), so a title that runs into them ends there: parser14.</summary>
    internal IReadOnlyList<string> OpeningSentenceWords { get; }

    /// <summary>The frame of a baseline a goal builds on (在…基础上): its opening and closing words, parser14.</summary>
    internal IReadOnlyList<string> BaselineOpenings { get; }

    /// <inheritdoc cref="BaselineOpenings"/>
    internal IReadOnlyList<string> BaselineClosings { get; }

    /// <summary>Verbs of achieving (实现) that end no indicator (2022年增速实现10%): parser14.</summary>
    internal IReadOnlyList<string> AchieveVerbs { get; }

    /// <summary>Words that give a clause's figures, in order, to the members of a subject before it (分别): parser15.</summary>
    internal IReadOnlyList<string> DistributiveWords { get; }

    /// <summary>Words that, right after a responsibility label, introduce its units as a colon does (均为, 为): parser16.</summary>
    internal IReadOnlyList<string> LabelCopulas { get; }

    /// <summary>Words that, in a document's opening, acknowledge the suggestion answered (收悉): a reply sets no goals, parser14.</summary>
    internal IReadOnlyList<string> ReplyMarkers { get; }

    /// <summary>Heads that items of a 、-list share (鉴水、金柯桥、镜湖科技城: three 科技城): parser14.</summary>
    internal IReadOnlyList<string> SharedHeadAreaHeads { get; }

    /// <summary>Heads of a regional layout's blocks (经济区, 经济圈, 经济带): parser15.</summary>
    internal IReadOnlyList<string> RegionalBlockHeads { get; }

    /// <summary>Verbs that develop a regional layout's blocks and cities (大力发展, 做强): parser15.</summary>
    internal IReadOnlyList<string> RegionalBlockVerbs { get; }

    /// <summary>Roles a regional layout gives a city (国家中心城市, 区域中心城市): parser15.</summary>
    internal IReadOnlyList<string> CityRoles { get; }

    /// <summary>What opens the own words of a national designation (国家…先导区), no place: parser16.</summary>
    internal IReadOnlyList<string> DesignationOpenings { get; }

    /// <summary>Labels that open a clause of goals (主要预期目标为：): parser13.</summary>
    internal IReadOnlyList<string> GoalLabels { get; }

    /// <summary>Words of a dimensionless index (指数) whose bare figure is a goal: parser10.</summary>
    internal IReadOnlyList<string> IndexWords { get; }

    /// <summary>Words holding a 了 that marks no completed action (为了): parser10.</summary>
    internal IReadOnlyList<string> PerfectiveExceptions { get; }

    /// <summary>Words opening the base a rate is computed on (按…的25%): parser10.</summary>
    internal IReadOnlyList<string> RateBases { get; }

    /// <summary>Roles after 以 that make a 、-list directions (为主攻目标): parser9.</summary>
    internal IReadOnlyList<string> DirectionRoles { get; }

    /// <summary>Development verbs whose 等-list with a class word and a development tail names directions: parser9.</summary>
    internal IReadOnlyList<string> ListDevelopmentVerbs { get; }

    /// <summary>Development tails closing such a list (集聚发展, 发展): parser9.</summary>
    internal IReadOnlyList<string> ListDevelopmentTails { get; }

    /// <summary>Verbs of an item title that develops an industry ((一)发展X产业): parser9.</summary>
    internal IReadOnlyList<string> HeadingDevelopmentVerbs { get; }

    /// <summary>Dashes opening a track line (——卫星运营服务。): parser9.</summary>
    internal IReadOnlyList<string> TrackLineMarks { get; }

    /// <summary>How an industry develops in a goal clause (数据要素产业集聚发展): parser9.</summary>
    internal IReadOnlyList<string> GoalDevelopmentPredicates { get; }

    /// <summary>An industry's measures (年均增速, 规模) in a goal clause: parser9.</summary>
    internal IReadOnlyList<string> IndustryMeasureWords { get; }

    /// <summary>Copulas before a development verb whose object the subject serves (是推动X发展的): parser9.</summary>
    internal IReadOnlyList<string> ServingCopulas { get; }

    /// <summary>Types of statutory zone (开发区) a phrase before them only qualifies (高新技术产业开发区): parser10.</summary>
    internal IReadOnlyList<string> ZoneTypeHeads { get; }

    /// <summary>Manner adverbs of 发展 cut from the end of a name (低空经济较快): parser10.</summary>
    internal IReadOnlyList<string> MannerAdverbs { get; }

    /// <summary>Verbs of becoming whose complement a region right after them qualifies (成为亚太地区重要的…): parser10.</summary>
    internal IReadOnlyList<string> AmbitionVerbs { get; }

    /// <summary>Short forms of a city's statutory zones (高新区, 经开区) listed beside its districts: parser10.</summary>
    internal IReadOnlyList<string> CityZoneShortForms { get; }

    /// <summary>Prepositions that open an adverbial (在A、B等领域): parser10.</summary>
    internal IReadOnlyList<string> ClausePrepositions { get; }

    /// <summary>Processes a title's subject may run to (数字化转型): cut only when what is left ends in 业 or an industry head.</summary>
    internal IReadOnlyList<string> ProcessSubjectTails { get; }

    /// <summary>Regions of national strategies (成渝地区双城经济圈), no focus layout: parser9.</summary>
    internal IReadOnlyList<string> StrategyRegions { get; }
    internal IReadOnlyList<string> BareAmountUnits { get; }
    internal IReadOnlyList<string> BareAmountFollowers { get; }
    internal IReadOnlyList<string> ShareVerbs { get; }
    internal IReadOnlyList<string> BareAmountClassFollowers { get; }
    internal IReadOnlyList<string> ScopeWords { get; }
    /// <summary>Traditional characters and their Simplified form, one character each (<c>traditional.txt</c>).</summary>
    public IReadOnlyDictionary<char, char> Simplified { get; }

    private PolicyVocabulary(Func<string, JsonElement> file, Func<string, string> textFile, Func<string, JsonElement> builtIn)
    {
        Simplified = CharacterPairs(textFile("traditional.txt"));
        var departments = file("departments.json");
        _departmentCanonical = Canonicals(departments.GetProperty("aliases"));
        var places = file("places.json");
        _placeCanonical = Canonicals(places.GetProperty("places"));
        GenericPlacePrefixes = Strings(places, "genericPrefixes");
        RegionHeads = Strings(places, "regionHeads");
        AreaClassWords = Strings(places, "areaClassWords");
        PlaceBoundaryWords = Strings(places, "boundaryWords");
        GenericPlaceWords = Strings(places, "genericInside");
        AreaNameHeads = [.. Strings(places, "areaNameHeads").OrderByDescending(h => h.Length)];
        LayoutWords = Strings(places, "layoutWords");
        Gazetteer = new Gazetteer(textFile("gazetteer.csv"), Strings(places, "divisionSuffixes"),
            new HashSet<string>([.. Strings(places, "notShortForms"), .. AreaNameHeads, .. RegionHeads], StringComparer.Ordinal));
        _indicatorCanonical = Canonicals(file("indicators.json").GetProperty("synonyms"));

        var g = file("grammar.json");
        Units = [.. Strings(g, "units").OrderByDescending(u => u.Length)];
        FloorAfter = Strings(g, "floorWordsAfter");
        CeilingAfter = Strings(g, "ceilingWordsAfter");
        AboutAfter = Strings(g, "aboutWordsAfter");
        FloorBefore = Strings(g, "floorWordsBefore");
        CeilingBefore = Strings(g, "ceilingWordsBefore");
        AboutBefore = Strings(g, "aboutWordsBefore");
        GoalVerbs = [.. Strings(g, "goalVerbs").OrderByDescending(u => u.Length)];
        ResponsibilityVerbs = [.. Strings(g, "responsibilityVerbs").OrderByDescending(u => u.Length)];
        ResponsibilityLabels = g.GetProperty("responsibilityLabels").EnumerateObject()
            .ToDictionary(p => p.Name, p => Enum.Parse<UnitRole>(p.Value.GetString()!), StringComparer.Ordinal);
        FirstIsLeadPhrases = Strings(g, "firstIsLeadPhrases");
        GenericUnitTails = [.. Strings(g, "genericUnitTails").OrderByDescending(u => u.Length)];
        FocusLabels = [.. Strings(g, "focusLabels").OrderByDescending(u => u.Length)];
        Periods = Strings(g, "periods");
        IndicatorHedges = Strings(g, "indicatorHedges");
        ChineseNumeralUnits = [.. Strings(g, "chineseNumeralUnits").OrderByDescending(u => u.Length)];
        MoreWords = Strings(g, "moreWords");
        CountUnits = Strings(g, "countUnits");
        TargetNounVerbs = Strings(g, "targetNounVerbs");
        PerUnitSuffixes = OptionalStrings(g, "perUnitSuffixes");
        YearlessGoalWords = OptionalStrings(g, "yearlessGoalWords");
        NotGoalWords = OptionalStrings(g, "notGoalWords");
        TitleLabels = Listed(g, builtIn, "grammar.json", "titleLabels");
        NotUnitWords = Listed(g, builtIn, "grammar.json", "notUnitWords");
        UnitSuffixes = Listed(g, builtIn, "grammar.json", "unitSuffixes");
        HeadingLeadIns = Listed(g, builtIn, "grammar.json", "headingLeadIns");
        StandingAssignmentOpenings = Listed(g, builtIn, "grammar.json", "standingAssignmentOpenings");
        StandingAssignmentVerbs = Listed(g, builtIn, "grammar.json", "standingAssignmentVerbs");
        DivisionOfLabourWords = Listed(g, builtIn, "grammar.json", "divisionOfLabourWords");
        IndicatorStripWords = Listed(g, builtIn, "grammar.json", "indicatorStripWords");
        NotPlaceWords = Listed(places, builtIn, "places.json", "notPlaceWords");
        QualifierWordsAfter = Listed(g, builtIn, "grammar.json", "qualifierWordsAfter");
        LevelWordsAfter = OptionalStrings(g, "levelWordsAfter");
        NamedAreaHeads = [.. Listed(places, builtIn, "places.json", "namedAreaHeads").OrderByDescending(h => h.Length)];
        AreaClassModifiers = [.. Listed(places, builtIn, "places.json", "areaClassModifiers").OrderByDescending(h => h.Length)];
        RegionRoleWords = Listed(places, builtIn, "places.json", "regionRoleWords");
        RegionCompounds = Listed(places, builtIn, "places.json", "regionCompounds");
        LayoutHeadingWords = Listed(places, builtIn, "places.json", "layoutHeadingWords");
        LayoutRoles = Listed(places, builtIn, "places.json", "layoutRoles");
        NamedListOpeners = Listed(places, builtIn, "places.json", "namedListOpeners");
        SpeechWords = Listed(places, builtIn, "places.json", "speechWords");
        ComparisonWords = Listed(places, builtIn, "places.json", "comparisonWords");
        BareAmountUnits = [.. Listed(g, builtIn, "grammar.json", "bareAmountUnits").OrderByDescending(u => u.Length)];
        BareAmountFollowers = Listed(g, builtIn, "grammar.json", "bareAmountFollowers");
        ShareVerbs = Listed(g, builtIn, "grammar.json", "shareVerbs");
        MeasureKinds = Listed(g, builtIn, "grammar.json", "measureKinds");
        IndicatorConjunctions = Listed(g, builtIn, "grammar.json", "indicatorConjunctions");
        GrowthWords = Listed(g, builtIn, "grammar.json", "growthWords");
        SupportWords = Listed(g, builtIn, "grammar.json", "supportWords");
        StatisticWords = Listed(g, builtIn, "grammar.json", "statisticWords");
        PaceWords = Listed(g, builtIn, "grammar.json", "paceWords");
        IssuingVerbs = Listed(g, builtIn, "grammar.json", "issuingVerbs");
        IssuedAfterWords = Listed(g, builtIn, "grammar.json", "issuedAfterWords");
        SubGoalOpenings = Listed(g, builtIn, "grammar.json", "subGoalOpenings");
        BareAmountClassFollowers = Listed(g, builtIn, "grammar.json", "bareAmountClassFollowers");
        ScopeWords = Listed(g, builtIn, "grammar.json", "scopeWords");
        GoalHeadingWords = Listed(g, builtIn, "grammar.json", "goalHeadingWords");
        StandardSectionNames = [.. Listed(g, builtIn, "grammar.json", "standardSectionNames").OrderByDescending(w => w.Length)];
        ApproximateFloorPrefixes = Listed(g, builtIn, "grammar.json", "approximateFloorPrefixes");
        ApproximateAboutPrefixes = [.. Listed(g, builtIn, "grammar.json", "approximateAboutPrefixes").OrderByDescending(w => w.Length)];
        ScaleClassGoalHeads = [.. Listed(g, builtIn, "grammar.json", "scaleClassGoalHeads").OrderByDescending(w => w.Length)];
        UnitClassWords = Listed(g, builtIn, "grammar.json", "unitClassWords");
        IndexWords = Listed(g, builtIn, "grammar.json", "indexWords");
        PerfectiveExceptions = Listed(g, builtIn, "grammar.json", "perfectiveExceptions");
        RateBases = Listed(g, builtIn, "grammar.json", "rateBases");
        CurrencyWordsAfter = Listed(g, builtIn, "grammar.json", "currencyWordsAfter");
        SubjectClassHeads = Listed(file("tracks.json"), builtIn, "tracks.json", "subjectClassHeads");
        DevelopmentPaceWords = Listed(file("tracks.json"), builtIn, "tracks.json", "developmentPaceWords");
        QualityModifiers = Listed(file("tracks.json"), builtIn, "tracks.json", "qualityModifiers");
        SettlementClassWords = [.. Listed(places, builtIn, "places.json", "settlementClassWords").OrderByDescending(w => w.Length)];
        GeographicFeatureHeads = [.. Listed(places, builtIn, "places.json", "geographicFeatureHeads").OrderByDescending(w => w.Length)];
        ClassThresholdWords = [.. Listed(g, builtIn, "grammar.json", "classThresholdWords").OrderByDescending(w => w.Length)];
        ObjectFloorVerbs = Listed(g, builtIn, "grammar.json", "objectFloorVerbs");
        GoalLabels = [.. Listed(g, builtIn, "grammar.json", "goalLabels").OrderByDescending(w => w.Length)];
        OpeningSentenceWords = Listed(g, builtIn, "grammar.json", "openingSentenceWords");
        BaselineOpenings = Listed(g, builtIn, "grammar.json", "baselineOpenings");
        BaselineClosings = Listed(g, builtIn, "grammar.json", "baselineClosings");
        AchieveVerbs = Listed(g, builtIn, "grammar.json", "achieveVerbs");
        ReplyMarkers = Listed(g, builtIn, "grammar.json", "replyMarkers");
        DistributiveWords = Listed(g, builtIn, "grammar.json", "distributiveWords");
        LabelCopulas = [.. Listed(g, builtIn, "grammar.json", "labelCopulas").OrderByDescending(w => w.Length)];
        StrategyRegions = [.. Listed(places, builtIn, "places.json", "strategyRegions").OrderByDescending(w => w.Length)];
        SharedHeadAreaHeads = [.. Listed(places, builtIn, "places.json", "sharedHeadAreaHeads").OrderByDescending(w => w.Length)];
        RegionalBlockHeads = [.. Listed(places, builtIn, "places.json", "regionalBlockHeads").OrderByDescending(w => w.Length)];
        RegionalBlockVerbs = Listed(places, builtIn, "places.json", "regionalBlockVerbs");
        CityRoles = [.. Listed(places, builtIn, "places.json", "cityRoles").OrderByDescending(w => w.Length)];
        DesignationOpenings = Listed(places, builtIn, "places.json", "designationOpenings");

        var t = file("tracks.json");
        Tiers = [.. t.GetProperty("tiers").EnumerateArray().Select(e =>
            (e.GetProperty("code").GetString()!, e.GetProperty("name").GetString()!, (IReadOnlyList<string>)Strings(e, "words")))];
        DirectionVerbs = [.. Strings(t, "directionVerbs").OrderByDescending(u => u.Length)];
        DirectionClassWords = [.. Strings(t, "directionClassWords").OrderByDescending(u => u.Length)];
        DirectionSectionWords = Strings(t, "directionSectionWords");
        IndustryHeads = Strings(t, "industryHeads");
        UmbrellaIndustries = Strings(t, "umbrellaIndustries");
        TitleVerbs = Strings(t, "titleVerbs");
        TitleTails = [.. Strings(t, "titleTails").OrderByDescending(u => u.Length)];
        TaskHeadingVerbs = Strings(t, "taskHeadingVerbs");
        TitleKinds = [.. Strings(t, "titleKinds").OrderByDescending(u => u.Length)];
        TitleSubjectTails = Strings(t, "titleSubjectTails");
        PlaceSuffixes = [.. Strings(t, "placeSuffixes").OrderByDescending(u => u.Length)];
        TrackNamePrefixes = Strings(t, "trackNamePrefixes");
        NotTrackEndings = Strings(t, "notTrackEndings");
        NotTrackWords = Strings(t, "notTrackWords");
        ScenarioWords = Strings(t, "scenarioWords");
        HeadedLeadRoles = OptionalStrings(t, "headedLeadRoles");
        LeadRoles = [.. OptionalStrings(t, "leadRoles").Concat(HeadedLeadRoles).OrderByDescending(u => u.Length)];
        NotIndustryEndings = OptionalStrings(t, "notIndustryEndings");
        NotTrackHeadingWords = Listed(t, builtIn, "tracks.json", "notTrackHeadingWords");
        NotNounWords = Listed(t, builtIn, "tracks.json", "notNounWords");
        ListVerbs = Listed(t, builtIn, "tracks.json", "listVerbs");
        BecomeVerbs = Listed(t, builtIn, "tracks.json", "becomeVerbs");
        ChainVerbs = Listed(t, builtIn, "tracks.json", "chainVerbs");
        EnumerationVerbs = Listed(t, builtIn, "tracks.json", "enumerationVerbs");
        CountMeasureWords = Listed(t, builtIn, "tracks.json", "countMeasureWords");
        CountedClassHeads = Listed(t, builtIn, "tracks.json", "countedClassHeads");
        DefinitionHeads = Listed(t, builtIn, "tracks.json", "definitionHeads");
        FieldWords = Listed(t, builtIn, "tracks.json", "fieldWords");
        NotSubjectEndings = Listed(t, builtIn, "tracks.json", "notSubjectEndings");
        EmpowerVerbs = Listed(t, builtIn, "tracks.json", "empowerVerbs");
        TitleSubjectConjunctions = Listed(t, builtIn, "tracks.json", "titleSubjectConjunctions");
        ClauseOpeningListVerbs = Listed(t, builtIn, "tracks.json", "clauseOpeningListVerbs");
        NamedByWords = Listed(t, builtIn, "tracks.json", "namedByWords");
        GenericIndustryModifiers = [.. Listed(t, builtIn, "tracks.json", "genericIndustryModifiers").OrderByDescending(w => w.Length)];
        ClauseItemOpenings = Listed(t, builtIn, "tracks.json", "clauseItemOpenings");
        BracketedListHeads = [.. Listed(t, builtIn, "tracks.json", "bracketedListHeads").OrderByDescending(w => w.Length)];
        BatchWords = Listed(t, builtIn, "tracks.json", "batchWords");
        ClusterHeads = Listed(t, builtIn, "tracks.json", "clusterHeads");
        OpeningDevelopmentVerbs = Listed(t, builtIn, "tracks.json", "openingDevelopmentVerbs");
        FacilityHeads = Listed(t, builtIn, "tracks.json", "facilityHeads");
        WeakDirectionVerbs = Listed(t, builtIn, "tracks.json", "weakDirectionVerbs");
        ObjectConjunctions = Listed(t, builtIn, "tracks.json", "objectConjunctions");
        ServedFieldWords = Listed(t, builtIn, "tracks.json", "servedFieldWords");
        FocusClassMarkers = Listed(t, builtIn, "tracks.json", "focusClassMarkers");
        SharedHeads = [.. Listed(t, builtIn, "tracks.json", "sharedHeads").OrderByDescending(w => w.Length)];
        BareLeadRoles = [.. Listed(t, builtIn, "tracks.json", "bareLeadRoles").OrderByDescending(w => w.Length)];
        ZoneHeads = [.. Listed(t, builtIn, "tracks.json", "zoneHeads").OrderByDescending(w => w.Length)];
        ZoneBuildVerbs = Listed(t, builtIn, "tracks.json", "zoneBuildVerbs");
        ZoneQualifierEnds = Listed(t, builtIn, "tracks.json", "zoneQualifierEnds");
        ProcessEndings = Listed(t, builtIn, "tracks.json", "processEndings");
        IndustryActionWords = [.. Listed(t, builtIn, "tracks.json", "industryActionWords").OrderByDescending(w => w.Length)];
        IndustryActionKinds = Listed(t, builtIn, "tracks.json", "industryActionKinds");
        MethodRoles = Listed(t, builtIn, "tracks.json", "methodRoles");
        ModeHeads = Listed(t, builtIn, "tracks.json", "modeHeads");
        ModeModifiers = [.. Listed(t, builtIn, "tracks.json", "modeModifiers").OrderByDescending(w => w.Length)];
        GenerationQualifiers = Listed(t, builtIn, "tracks.json", "generationQualifiers");
        QualifiedNouns = Listed(t, builtIn, "tracks.json", "qualifiedNouns");
        ServedMarkers = Listed(t, builtIn, "tracks.json", "servedMarkers");
        DirectionRoles = Listed(t, builtIn, "tracks.json", "directionRoles");
        ListDevelopmentVerbs = Listed(t, builtIn, "tracks.json", "listDevelopmentVerbs");
        ListDevelopmentTails = [.. Listed(t, builtIn, "tracks.json", "listDevelopmentTails").OrderByDescending(w => w.Length)];
        HeadingDevelopmentVerbs = [.. Listed(t, builtIn, "tracks.json", "headingDevelopmentVerbs").OrderByDescending(w => w.Length)];
        TrackLineMarks = [.. Listed(t, builtIn, "tracks.json", "trackLineMarks").OrderByDescending(w => w.Length)];
        GoalDevelopmentPredicates = Listed(t, builtIn, "tracks.json", "goalDevelopmentPredicates");
        IndustryMeasureWords = [.. Listed(t, builtIn, "tracks.json", "industryMeasureWords").OrderByDescending(w => w.Length)];
        ServingCopulas = Listed(t, builtIn, "tracks.json", "servingCopulas");
        ZoneTypeHeads = Listed(t, builtIn, "tracks.json", "zoneTypeHeads");
        MannerAdverbs = Listed(t, builtIn, "tracks.json", "mannerAdverbs");
        AmbitionVerbs = Listed(places, builtIn, "places.json", "ambitionVerbs");
        CityZoneShortForms = Listed(places, builtIn, "places.json", "cityZoneShortForms");
        ClausePrepositions = Listed(t, builtIn, "tracks.json", "clausePrepositions");
        ProcessSubjectTails = Listed(t, builtIn, "tracks.json", "processSubjectTails");
    }

    /// <summary>
    /// The built-in data, with each file found in <paramref name="overrideDirectory"/> (when given) replacing the
    /// built-in file of the same name.
    /// </summary>
    /// <exception cref="PolicyFileException">An override file is not valid JSON of the expected shape.</exception>
    public static PolicyVocabulary Load(string? overrideDirectory)
    {
        var assembly = typeof(PolicyVocabulary).Assembly;
        Stream Open(string name)
        {
            var path = overrideDirectory is null ? null : Path.Combine(overrideDirectory, name);
            return path is not null && System.IO.File.Exists(path)
                ? System.IO.File.OpenRead(path)
                : assembly.GetManifestResourceStream("Fip.Policy.Data." + name)
                    ?? throw new InvalidOperationException($"Missing built-in data {name}.");
        }
        JsonElement BuiltIn(string name)
        {
            using var stream = assembly.GetManifestResourceStream("Fip.Policy.Data." + name)
                ?? throw new InvalidOperationException($"Missing built-in data {name}.");
            using var doc = JsonDocument.Parse(stream);
            return doc.RootElement.Clone();
        }
        JsonElement File(string name)
        {
            try
            {
                using var stream = Open(name);
                using var doc = JsonDocument.Parse(stream);
                return doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                var path = overrideDirectory is null ? name : Path.Combine(overrideDirectory, name);
                throw new PolicyFileException($"{path}: not valid JSON ({e.Message}).", e);
            }
        }
        string TextFile(string name)
        {
            using var reader = new StreamReader(Open(name), System.Text.Encoding.UTF8);
            return reader.ReadToEnd();
        }
        try
        {
            return new PolicyVocabulary(File, TextFile, BuiltIn);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new PolicyFileException($"Policy vocabulary in {overrideDirectory ?? "the library"} lacks an expected entry: {e.Message}",
                e);
        }
    }

    /// <summary>The canonical name of a department (市发改委 → 市发展和改革委员会), or the name itself.</summary>
    public string CanonicalDepartment(string name) => _departmentCanonical.GetValueOrDefault(name, name);

    /// <summary>
    /// The canonical name of a place (扬州经开区 → 扬州经济技术开发区 from <c>places.json</c>; 广州 → 广州市 from the gazetteer), or
    /// the name itself.
    /// </summary>
    public string CanonicalPlace(string name) =>
        _placeCanonical.GetValueOrDefault(name) ?? Gazetteer.Find(name)?.Name ?? name;

    /// <summary>The canonical indicator (先导区 → 未来产业先导园区), or the indicator itself.</summary>
    public string CanonicalIndicator(string name) => _indicatorCanonical.GetValueOrDefault(name, name);

    /// <summary>The longest name an industry direction is given in practice; a longer "name" is a piece of a sentence.</summary>
    public const int LongestTrackName = 20;

    /// <summary>
    /// True when <paramref name="name"/> reads as a piece of a sentence rather than an industry's name: it holds sentence
    /// punctuation or a list mark, a word no track name holds (the words of <c>notTrackWords</c>: 的, 印发; a quoted slogan
    /// may be part of a name), opens with a verb that opens titles and tasks (<c>titleVerbs</c>: 加快, 推动, 印发…), ends with
    /// a document kind (<c>titleKinds</c>: 实施方案, 通知…), or is longer than <see cref="LongestTrackName"/> characters. An
    /// import review asks for such a name to be corrected.
    /// </summary>
    public bool ReadsAsSentence(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim();
        return n.Length == 0
            || n.Length > LongestTrackName
            || n.AsSpan().IndexOfAny(SentenceMarks) >= 0
            || HoldsAWord(n, NotTrackWords) // words, not quote marks
            || StartsWithAny(n, TitleVerbs)
            || EndsWithAny(n, TitleKinds);
    }

    // Loops rather than lambdas over the name: this runs on every proposal of the learned reader.
    private static bool HoldsAWord(string n, IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
            if (char.IsLetter(words[i][0]) && n.Contains(words[i], StringComparison.Ordinal)) return true;
        return false;
    }

    private static readonly System.Buffers.SearchValues<char> SentenceMarks =
        System.Buffers.SearchValues.Create("，。；：！？、《》,;:!? \t\n");

    /// <summary>The tier announced by words in <paramref name="text"/>: code and the words as found, or null.</summary>
    public (string Code, string Words)? TierIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var best = (Code: (string?)null, Words: "", At: int.MaxValue);
        foreach (var (code, _, words) in Tiers)
            foreach (var w in words)
            {
                var at = text.IndexOf(w, StringComparison.Ordinal);
                if (at >= 0 && at < best.At) best = (code, w, at);
            }
        return best.Code is null ? null : (best.Code, best.Words);
    }

    private static Dictionary<string, string> Canonicals(JsonElement groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups.EnumerateArray())
        {
            var names = group.EnumerateArray().Select(e => e.GetString()!).ToList();
            foreach (var n in names) map[n] = names[0];
        }
        return map;
    }

    /// <summary>
    /// Reads lines of concatenated pairs (<c>國国學学</c>): each first character maps to the second. Lines opening with
    /// <c>#</c> are comments. Both characters must be single UTF-16 units, so that mapping keeps every offset.
    /// </summary>
    private static Dictionary<char, char> CharacterPairs(string content)
    {
        var map = new Dictionary<char, char>();
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.Length % 2 != 0 || line.Any(char.IsSurrogate))
                throw new InvalidOperationException($"traditional.txt: a line is not a run of character pairs: {line}");
            for (var i = 0; i < line.Length; i += 2) map.TryAdd(line[i], line[i + 1]);
        }
        return map;
    }

    /// <summary>A list added after the first release: a replacement file written before it may leave it out.</summary>
    private static List<string> OptionalStrings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var list) ? [.. list.EnumerateArray().Select(x => x.GetString()!)] : [];

    /// <summary>
    /// A list of phrases the rules key on; a replacement file written before the list was moved into data may leave it out,
    /// and then the built-in list applies.
    /// </summary>
    private static List<string> Listed(JsonElement e, Func<string, JsonElement> builtIn, string file, string name) =>
        e.TryGetProperty(name, out _) ? Strings(e, name) : Strings(builtIn(file), name);

    private static List<string> Strings(JsonElement e, string name) =>
        [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!)];
}

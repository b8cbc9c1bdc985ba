using static Fip.Policy.Text.WordLists;

namespace Fip.Policy.Text;

/// <summary>
/// The track phase: the industries or tracks a document names as its directions. Short item headings under a directions
/// heading (<c>1. 低空经济。以…</c>), enumerations after a direction verb (<c>重点培育A、B、C等3个未来产业</c>,
/// <c>聚焦A、B</c>), the subject of the title, objects of a development verb, and phrases given a leading role
/// (<c>以A为引领</c>); each with its tier and the chain links listed in its own paragraph.
/// </summary>
internal sealed partial class TrackReader
{
    /// <summary>The tracks in order of finding, and the umbrella words (未来产业…) that name a class, not a track.</summary>
    internal sealed record Findings(IReadOnlyList<TrackFinding> Tracks, IReadOnlySet<string> Umbrellas);

    private readonly ParseContext _c;
    private readonly string text;
    private readonly PolicyVocabulary _v;
    private readonly List<TrackBuilder> _tracks = [];
    private readonly HashSet<string> _umbrellas = new(StringComparer.Ordinal);

    /// <summary>The rule family adding tracks at the moment (a feature of the learned reader, <see cref="TrackCandidates"/>).</summary>
    private string _family = "";

    private TrackReader(ParseContext context)
    {
        _c = context;
        text = context.Text;
        _v = context.Vocabulary;
    }

    public static Findings Read(ParseContext context)
    {
        var reader = new TrackReader(context);
        reader.FindTracks(context.Title);
        return new Findings(
            [.. reader._tracks.Select(t => new TrackFinding(t.Name, t.TierCode, t.TierWords, t.Source, [.. t.Chain], t.ParagraphStart,
                t.ParagraphEnd, t.Family))],
            reader._umbrellas);
    }

    /// <summary>
    /// The name the rules give <paramref name="name"/> read at <paramref name="start"/> (a leading 全市 or division cut, a manner
    /// adverb dropped), or null when they refuse it as no industry (<see cref="TrackCandidates"/> uses the answer as a feature).
    /// </summary>
    internal static (string Name, int Start)? Vet(ParseContext context, string name, int start) =>
        new TrackReader(context).Vetted(name, start);

    /// <summary>A reader that only vets names (<see cref="Vetted"/>), made once for a document's many proposals.</summary>
    internal static TrackReader ForVetting(ParseContext context) => new(context);

    private sealed class TrackBuilder(string name, string? tierCode, string? tierWords, SourceSpan source, string family)
    {
        public string Name { get; } = name;
        public string Family { get; } = family;
        public string? TierCode { get; set; } = tierCode;
        public string? TierWords { get; set; } = tierWords;
        public SourceSpan Source { get; } = source;
        public List<ChainElement> Chain { get; } = [];
        public int ParagraphStart { get; set; } = -1;
        public int ParagraphEnd { get; set; } = -1;
    }

    private TrackBuilder? TrackAt(int offset) =>
        _tracks.LastOrDefault(t => t.ParagraphStart >= 0 && t.ParagraphStart <= offset && offset < t.ParagraphEnd);

    /// <summary>Adds a track (or finds the one the name spells too), or refuses the name: null.</summary>
    private TrackBuilder? AddTrack(string name, int start, string? tierCode, string? tierWords)
    {
        if (Vetted(name, start) is not { } vetted) return null;
        (name, start) = vetted;
        // 氢能 and 氢能产业 name one industry: the first spelling found stands.
        // 新一代人工智能 and 人工智能 name one industry too.
        // 人工智能 and 新一代人工智能产业 name one industry too: both rules at once (parser15).
        var bare = Unsuffixed(Ungenerational(name));
        var existing = _tracks.FirstOrDefault(
            t => t.Name == name || t.Name == name + IndustrySuffix || name == t.Name + IndustrySuffix
                || Unsuffixed(Ungenerational(t.Name)) == bare);
        if (existing is not null)
        {
            if (existing.TierCode is null && tierCode is not null) { existing.TierCode = tierCode; existing.TierWords = tierWords; }
            return existing;
        }
        var added = new TrackBuilder(name, tierCode, tierWords, _c.Span(start, name.Length), _family);
        _tracks.Add(added);
        return added;
    }

    /// <summary>
    /// The name the rules give <paramref name="name"/> read at <paramref name="start"/>, or null when they refuse it: the
    /// name check of <see cref="AddTrack"/>, which depends on the text and the vocabulary only (no track found before).
    /// </summary>
    internal (string Name, int Start)? Vetted(string name, int start)
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
        // 促进低空经济较快发展: a manner adverb of 发展 ends an adverbial, no part of the name before it.
        for (var cut = true; cut;)
        {
            cut = false;
            foreach (var m in _v.MannerAdverbs)
                if (name.EndsWith(m, StringComparison.Ordinal) && name.Length > m.Length) { name = name[..^m.Length]; cut = true; }
        }
        // 思茅区生物医药产业 is 生物医药产业: a division named before a track is where it grows, not part of its name.
        if (_v.Gazetteer.PrefixOf(name) is { } division && IsDivisionInFull(division) && name.Length - division.Length >= 2)
        {
            name = name[division.Length..];
            start += division.Length;
        }
        // 高品质旅游, 高水平旅游: a quality of development is no part of an industry's name.
        foreach (var quality in _v.QualityModifiers)
            if (name.StartsWith(quality, StringComparison.Ordinal) && name.Length - quality.Length >= 2)
            {
                name = name[quality.Length..];
                start += quality.Length;
                break;
            }
        // 若干百亿级产业集群, 五大优势产业: a count names how many members a class has, not which; no industry.
        if (CountOpening().IsMatch(name)) return null;
        // 综合能源千亿级产业集群, 万亿级新一代信息技术产业: a scale class qualifies the cluster or industry, it is no part of the name.
        if (ScaleClass().Match(name) is { Success: true } scale)
        {
            if (scale.Index >= 2) name = name[..scale.Index];
            else if (scale.Index == 0 && name.Length - scale.Length >= 2)
            {
                name = name[scale.Length..];
                start += scale.Length;
            }
        }
        // 推动产业高质量发展 leaves 产业, 构建现代化产业体系 leaves 构建现代化产业: a bare umbrella head names no industry, and a
        // name the import review would refuse as a sentence piece (an opening task verb, a list mark) is never proposed.
        if ((IsOneOf(name, _v.IndustryHeads) && IsOneOf(name, _v.UmbrellaIndustries)) || _v.ReadsAsSentence(name)) return null;
        // 开发区改革, 人才优先: a process, a principle or a meeting, not an industry; a name inside 《…》 is the subject of
        // another document the text cites, not a direction of this one.
        if (EndsWithAny(name, _v.NotSubjectEndings) || InCitedTitle(start)) return null;
        if (NotAnIndustryHere(name, start)) return null;
        // 促进湖南高质量发展: a division (full or short) is the place that develops, never an industry.
        if (_v.Gazetteer.Find(name) is not null) return null;
        // 促进专业镇高质量发展: a class of settlements (镇, 街道: places.json settlementClassWords) develops as places do.
        if (EndsWithAny(name, _v.SettlementClassWords)) return null;
        // 传统优势特色产业, 创新型经济: generic qualifiers and an industry head name a class of industries, not one.
        // 乡镇(街道)产业: a bracketed alternative qualifies as its word does.
        var own = name.AsSpan().IndexOfAny('（', '(') < 0
            ? name
            : System.Text.RegularExpressions.Regex.Replace(name, @"[（(][^（）()]*[）)]", "");
        // 上海传统产业: a division's short form before generic qualifiers does not make them one industry.
        if (_v.Gazetteer.PrefixOf(own) is { } place && own.Length - place.Length >= 2
            && _v.GenericIndustryModifiers.Any(m => own[place.Length..].StartsWith(m, StringComparison.Ordinal)))
            own = own[place.Length..];
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var m in _v.GenericIndustryModifiers)
                if (own.StartsWith(m, StringComparison.Ordinal)) { own = own[m.Length..]; stripped = true; break; }
        }
        if (own != name && IsOneOf(own, _v.IndustryHeads)) return null;
        if (ContainsAny(name, _v.NotTrackWords) || (EndsWithAny(name, _v.NotTrackEndings) && !EndsWithAny(name, _v.IndustryHeads)))
            return null;
        if (name.Length < 2 || name.Length > 30) return null;
        if (name.Any(char.IsAsciiDigit) && !name.Any(ParseContext.IsCjk) && !name.Any(char.IsAsciiLetter)) return null;
        return (name, start);
    }

    private const string IndustrySuffix = "产业";

    /// <summary>A name that opens with a count: 若干, 一批, 五大, 3个, 两类.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^(?:若干|一批|多个|[0-9一二两三四五六七八九十]+[大个类条项种家])")]
    private static partial System.Text.RegularExpressions.Regex CountOpening();

    /// <summary>A scale class: 千亿级, 百亿级, 500亿级, 万亿元级.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("[0-9一二两三四五六七八九十百千万]*[百千万亿]元?级")]
    private static partial System.Text.RegularExpressions.Regex ScaleClass();

    /// <summary>The name without its 产业 (氢能产业 → 氢能), when a name of two characters or more is left.</summary>
    private static string Unsuffixed(string name) =>
        name.EndsWith(IndustrySuffix, StringComparison.Ordinal) && name.Length >= IndustrySuffix.Length + 2
            ? name[..^IndustrySuffix.Length]
            : name;

    private string Ungenerational(string name)
    {
        foreach (var q in _v.GenerationQualifiers)
            if (name.StartsWith(q, StringComparison.Ordinal) && name.Length > q.Length + 1) return name[q.Length..];
        return name;
    }

    private static bool IsDivisionInFull(string division) =>
        division.Length >= 2 && division[^1] is '市' or '区' or '县' or '省' or '州' or '旗' or '盟';

    // The cited titles and this document's own, without blanks, each made once.
    private readonly Dictionary<int, string> _citedTitles = [];
    private string? _bareTitle;

    /// <summary>Whether <paramref name="offset"/> lies inside a 《…》 that cites another document (not this one's title).</summary>

    private bool InCitedTitle(int offset)
    {
        var open = text.LastIndexOf('《', Math.Max(0, Math.Min(offset, text.Length - 1)));
        if (open < 0) return false;
        var close = text.IndexOf('》', open);
        if (close < offset) return false;
        // Without the line breaks a wrapped title has.
        static string Bare(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c is not ('《' or '》')));
        if (!_citedTitles.TryGetValue(open, out var cited)) _citedTitles[open] = cited = Bare(text[(open + 1)..close]);
        var own = _bareTitle ??= Bare(_c.Title);
        return own.Length == 0 || !(cited.Contains(own, StringComparison.Ordinal) || own.Contains(cited, StringComparison.Ordinal));
    }

    private void FindTracks(string title)
    {
        // Inline item titles under a directions heading are tracks (1. 低空经济。以…).
        _family = "heading";
        for (var i = 0; i < _c.Outline.Count; i++)
        {
            var h = _c.Outline[i];
            // A track heading sits under a directions heading, is short, and is not itself a tier or class heading
            // (（1） 重点培育3个未来产业 is the tier; 1. 低空经济 and （一）人形机器人 are tracks).
            if (h.Level < 2 || h.Title.Length > 15) continue;
            var isLeaf = i + 1 >= _c.Outline.Count || _c.Outline[i + 1].Level <= h.Level;
            if (!h.IsInline && !isLeaf) continue;
            var parent = _c.Ancestors(i).Skip(1).ToList();
            if (!parent.Any(
                p => _v.TierIn(p.Title) is not null
                    || _v.DirectionSectionWords.Any(w => p.Title.Contains(w, StringComparison.Ordinal)))) continue;
            if (_v.TierIn(h.Title) is not null || _v.DirectionSectionWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal))
                || _v.NotTrackHeadingWords.Any(w => h.Title.Contains(w, StringComparison.Ordinal))
                || _v.TaskHeadingVerbs.Any(w => h.Title.StartsWith(w, StringComparison.Ordinal))) continue;
            var tier = _c.TierAbove(i);
            var titleStart = h.Source.End - h.Title.Length;
            // The heading may be refused as a name, or named otherwise (全省低空经济 is 低空经济): the track added, if any.
            if (AddTrack(h.Title, titleStart, tier?.Code, tier?.Words) is not { } track) continue;
            // The track's paragraph runs from its heading to the next heading.
            track.ParagraphStart = h.Source.Offset;
            track.ParagraphEnd = i + 1 < _c.Outline.Count ? _c.Outline[i + 1].Source.Offset : text.Length;
        }
        // Enumerations after a direction verb: 重点培育A、B、C等3个未来产业; 瞄准A、B等领域; 围绕A、B、C，….
        foreach (var (s, e) in _c.Lines)
        {
            if (e <= s || s < _c.BodyStart) continue;
            foreach (var (ss, sl) in PolicyParser.SplitTopLevel(text, s, e, "。；;"))
            {
                _family = "enumeration";
                DirectionEnumerations(ss, ss + sl);
                _family = "development-list";
                DevelopmentLists(ss, Math.Min(ss + sl, _c.TruncatedFrom));
                _family = "counted";
                CountedEnumerations(ss, Math.Min(ss + sl, _c.TruncatedFrom));
                _family = "bracketed";
                BracketedClassLists(ss, Math.Min(ss + sl, _c.TruncatedFrom));
                _family = "subject-list";
                SubjectLists(ss, Math.Min(ss + sl, _c.TruncatedFrom));
            }
        }
        _family = "development-heading";
        DevelopmentHeadings();
        _family = "track-line";
        TrackLines();
        // Chain elements in each track's own paragraph.
        foreach (var t in _tracks.Where(t => t.ParagraphStart >= 0))
            ChainElements(t, t.ParagraphStart + 0, t.ParagraphEnd);
        var before = _tracks.Count;
        _family = "title";
        TitleSubject(title);
        // 关于促进新材料、新医药、新信息3个新兴产业加快发展的若干政策: a title may name its directions as a counted list.
        if (title.Length > 0 && text.IndexOf(title, StringComparison.Ordinal) is var titleAt and >= 0)
            CountedClause(titleAt, title.Length, false);
        _family = "opening";
        if (_tracks.Count == before && title.Length == 0) OpeningSubject();
        _family = "development-object";
        DevelopmentObjects();
        _family = "batch";
        BatchObjects();
        _family = "cluster";
        ClusterLists();
        _family = "lead-role";
        LeadRoleTracks();
        _family = "role-series";
        BareRoleSeries();
        _family = "focus-class";
        FocusClasses();
        _family = "zone";
        ZoneBases();
        _family = "action";
        ActionIndustries();
        _family = "goal";
        GoalIndustries();
        // An untitled page that names no direction anywhere is about what it keeps naming (低空经济企业…, 海洋经济…).
        _family = "repeated";
        if (_tracks.Count == 0 && title.Length == 0) RepeatedSubject();
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
            for (var at = text.IndexOf(role, _c.BodyStart, StringComparison.Ordinal); at >= 0;
                 at = text.IndexOf(role, at + role.Length, StringComparison.Ordinal))
            {
                var yi = text.LastIndexOf('以', at - 1, Math.Min(at, 14));
                if (yi < 0 || at - yi - 1 < 2) continue;
                // 以…为核心指标: the role word runs on into a noun, so it is no role.
                var next = at + role.Length;
                if (next < text.Length && !"，,。；;、的\n".Contains(text[next], StringComparison.Ordinal)) continue;
                var name = _c.Sub(yi + 1, at);
                if (name.Any(c => !ParseContext.IsCjk(c)) || name.Contains('的', StringComparison.Ordinal)) continue;
                if (QualifiesNoIndustry(next)) continue;
                var verbs = _v.TitleVerbs.Concat(_v.DirectionVerbs.Where(v => v.Length > 1));
                if (verbs.Any(v => name.Contains(v, StringComparison.Ordinal))) continue;
                // 壮大产业, 科技创新: a task word opening it, or closing it without an industry head, makes it a principle;
                // 整机集成项目, 绿色生活方式: a means, not an industry.
                if (_v.TaskHeadingVerbs.Any(v => name.StartsWith(v, StringComparison.Ordinal)) || NamesAMeans(name)
                    || (!_v.IndustryHeads.Any(h => name.EndsWith(h, StringComparison.Ordinal))
                        && _v.TaskHeadingVerbs.Any(v => name.EndsWith(v, StringComparison.Ordinal))))
                    continue;
                // 以算力供给为支撑、场景应用为牵引: a method; 以智能制造为引领: a manner of producing leads, not an industry.
                if (_v.UmbrellaIndustries.Contains(name, StringComparer.Ordinal) || InMethodSeries(at) || IsModeOfProduction(name))
                    continue;
                // 以低空创新服务业为特色 names an industry; 以低空创新服务和应用场景为特色, 以生态为特色 name a feature.
                if (_v.HeadedLeadRoles.Contains(role, StringComparer.Ordinal)
                    && !_v.IndustryHeads.Any(h => name.EndsWith(h, StringComparison.Ordinal))) continue;
                var tier = _c.TierAbove(_c.SectionAt(yi));
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
        foreach (System.Text.RegularExpressions.Match m in PolicyParser.DevelopmentObject().Matches(text, _c.BodyStart))
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
                if (_v.NotNounWords.Any(w => p.Contains(w, StringComparison.Ordinal))) continue;
                // 推动制造业高质量发展大会精神: the phrase names a meeting, not an industry to develop.
                var follows = _c.Sub(m.Index + m.Length, Math.Min(text.Length, m.Index + m.Length + 4));
                if (_v.NamedByWords.Any(w => follows.StartsWith(w, StringComparison.Ordinal))) continue;
                // 对推动全省新一代信息技术产业发展的重要作用: a development something is said to serve (对…的) is a frame, not a
                // direction of the document.
                if (follows.StartsWith('的') && m.Index > 0 && _v.ServedMarkers.Any(w => _c.Sub(Math.Max(0, m.Index - w.Length),
                        m.Index) == w)) continue;
                // 商业航天是推动航天产业发展、建设航天强国的重要力量: after a copula the development is what the subject serves.
                if (_v.ServingCopulas.Any(w => m.Index >= w.Length && _c.Sub(m.Index - w.Length, m.Index) == w)) continue;
                var tier = _c.TierAbove(_c.SectionAt(at));
                AddTrack(p, at, tier?.Code, tier?.Words);
            }
        }
    }


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
        // A title wrapped or spaced (产业高质量 创新发展) reads as one phrase.
        var t = string.Concat(title.Where(c => !char.IsWhiteSpace(c) && c is not ('《' or '》')));
        var about = t.IndexOf("关于", StringComparison.Ordinal);
        if (about >= 0) t = t[(about + 2)..];
        t = PolicyParser.BracketedYears().Replace(t, "");
        // 鲤城区“十四五”数字经济发展专项规划: the period a plan covers is no part of its subject.
        t = PolicyParser.NamedPlanPeriod().Replace(t, "");
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
            // 制造业数字化转型, 纺织业数字化转型: a process of transformation, when what it transforms is an industry (城市 is none).
            foreach (var tail in _v.ProcessSubjectTails)
                if (t.EndsWith(tail, StringComparison.Ordinal) && t.Length > tail.Length
                    && (t[..^tail.Length].EndsWith('业')
                        || _v.IndustryHeads.Any(h => t[..^tail.Length].EndsWith(h, StringComparison.Ordinal))))
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
            // 以卫星互联网为引领的空天信息产业: what the lead-role qualifier qualifies is the subject (the lead is read as a role).
            segment = WithoutRoleQualifier(segment);
            // 人工智能赋能经济数字化转型: a title whose industry empowers (empowerVerbs: 赋能) another field is about the industry.
            foreach (var verb in _v.EmpowerVerbs)
                if (segment.IndexOf(verb, StringComparison.Ordinal) is var empowers and >= 2 && empowers + verb.Length < segment.Length)
                {
                    // 人工智能赋能新型工业化: the industry that empowers is the subject with no tail after it (parser16).
                    segment = segment[..empowers];
                    tailed = true;
                    break;
                }
            // 农业机械化和农机装备产业: two subjects.
            // 打造海洋经济人才新高地: the segment that holds the industry makes it a qualifier; no earlier segment is the subject.
            if (QualifierSegment(segment)) return;
            // 促进中小企业高质量发展, 促进中小企业“专精特新”发展: what the title says develops is firms or people; no earlier
            // segment is read instead (加快低空经济发展培育链主企业 still gives 低空经济: there the firms do not develop).
            if (tailed && k == cuts.Count - 1 && OfFirmsOrPeople(segment)) return;
            var names = SubjectParts(StripPlace(segment)).Select(p => SubjectOf(p.Part, tailed || p.Conjunct)).OfType<string>().ToList();
            // 加快推动人工智能高质量发展高水平应用: what develops is the subject wherever the title says so, not only at its end.
            if (names.Count == 0 && InnerSubject(t[cuts[k]..]) is { } inner)
                names = [.. StripPlace(inner).Split('和').Select(part => SubjectOf(part, tailed: true)).OfType<string>()];
            // 中国(三明)跨境电子商务综合试验区建设: a zone for an industry names the industry.
            if (names.Count == 0 && ZoneSubject(segment) is { } zoned) names = [zoned];
            if (names.Count == 0) continue;
            foreach (var name in names)
            {
                if (_umbrellas.Contains(name) || (_tracks.Count > 0 && _v.UmbrellaIndustries.Contains(name, StringComparer.Ordinal)))
                    continue;
                // Where the title stands (a notice's 现将《…》 line), not an earlier citation of another document.
                var titleAt = text.IndexOf(title, StringComparison.Ordinal);
                var pos = text.IndexOf(name, Math.Max(0, titleAt), StringComparison.Ordinal);
                if (pos < 0) pos = text.IndexOf(name, StringComparison.Ordinal);
                if (pos >= 0) AddTrack(name, pos, null, null);
            }
            return;
        }
    }

    /// <summary>
    /// The subjects a title segment joins: at 和 always (农业机械化和农机装备产业), at 及 or 与 (titleSubjectConjunctions) when
    /// both conjuncts are names of their own, three characters or more, that do not open with the same two characters
    /// (绿色算力及人工智能产业 is two; 智能装备及智能制造产业 and 卫星及应用产业 are one).
    /// </summary>
    private IEnumerable<(string Part, bool Conjunct)> SubjectParts(string segment)
    {
        foreach (var part in segment.Split('和'))
        {
            var split = false;
            foreach (var conjunction in _v.TitleSubjectConjunctions)
            {
                var at = part.IndexOf(conjunction, StringComparison.Ordinal);
                if (at < 0 || part.IndexOf(conjunction, at + 1, StringComparison.Ordinal) >= 0) continue;
                var (first, second) = (part[..at], part[(at + conjunction.Length)..]);
                // The second conjunct's own words end at its industry head (健康产业: 健康, two characters, is no name of its own).
                var own = second;
                foreach (var head in _v.IndustryHeads)
                    if (own.IndexOf(head, StringComparison.Ordinal) is var h and > 0) own = own[..h];
                if (first.Length < 3 || own.Length < 3 || string.CompareOrdinal(first, 0, own, 0, 2) == 0) continue;
                // The first conjunct shares the second's head: it is a subject as the second is.
                yield return (first, true);
                yield return (second, false);
                split = true;
                break;
            }
            if (!split) yield return (part, false);
        }
    }

    /// <summary>
    /// 以X为引领的Y, 以X为核心的Y: Y; a segment that is only such a role (以科技创新为引领的高质量发展: the tail cut) names
    /// nothing; any other segment as it is.
    /// </summary>
    private string WithoutRoleQualifier(string segment)
    {
        var yi = segment.IndexOf('以', StringComparison.Ordinal);
        if (yi < 0) return segment;
        foreach (var role in _v.LeadRoles.Concat(_v.FocusClassMarkers.Select(m => m.TrimEnd('的'))))
        {
            var at = segment.IndexOf(role, yi + 1, StringComparison.Ordinal);
            if (at <= yi + 1) continue;
            var rest = segment[(at + role.Length)..];
            if (rest.Length == 0 || rest == "的") return "";
            if (rest[0] == '的') return rest[1..];
        }
        return segment;
    }

    /// <summary>
    /// The words before the first subject tail (高质量发展, 创新发展, 发展) of <paramref name="segment"/> when no title verb
    /// comes before it, or null.
    /// </summary>
    private string? InnerSubject(string segment)
    {
        var at = -1;
        foreach (var tail in _v.TitleSubjectTails)
        {
            var i = segment.IndexOf(tail, StringComparison.Ordinal);
            if (i >= 0 && (at < 0 || i < at)) at = i;
        }
        // 推动高质量发展: nothing before the tail names no subject.
        if (at < 2) return null;
        var inner = segment[..at];
        // 推动工业互联网加快发展: the pace verb belongs to the predicate.
        foreach (var pace in _v.DevelopmentPaceWords.Concat(_v.MannerAdverbs))
            if (inner.EndsWith(pace, StringComparison.Ordinal) && inner.Length - pace.Length >= 2) { inner = inner[..^pace.Length]; break; }
        return _v.TitleVerbs.Any(v => inner.Contains(v, StringComparison.Ordinal)) ? null : inner;
    }

    /// <summary>
    /// The industry a zone in a title is for: 中国(三明)跨境电子商务综合试验区 → 跨境电子商务, 人工智能创新应用先导区 → 人工智能; the
    /// zone's own process words (综合, 创新, 应用) and a national pilot zone's 中国(…) are no part of it. A statutory zone type
    /// (高新技术产业开发区: <c>zoneTypeHeads</c>) names no industry. Null when the segment ends in no zone head.
    /// </summary>
    private string? ZoneSubject(string segment)
    {
        var s = NationalPilotPrefix().Replace(segment, "");
        if (_v.ZoneTypeHeads.Any(h => s.EndsWith(h, StringComparison.Ordinal))) return null;
        if (_v.ZoneHeads.FirstOrDefault(h => s.EndsWith(h, StringComparison.Ordinal)) is not { } head) return null;
        var x = StripPlace(s[..^head.Length]);
        for (var cut = true; cut;)
        {
            cut = false;
            foreach (var w in _v.ProcessEndings)
                if (x.EndsWith(w, StringComparison.Ordinal) && x.Length - w.Length >= 2) { x = x[..^w.Length]; cut = true; }
        }
        return x.Length is >= 2 and <= 10 && x.All(ParseContext.IsCjk) && !_v.TitleVerbs.Any(v => x.Contains(v, StringComparison.Ordinal))
            ? x
            : null;
    }

    /// <summary>中国(三明): the country and the bracketed city that open a national pilot zone's name.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^中国[（(][^（）()]{1,8}[）)]")]
    private static partial System.Text.RegularExpressions.Regex NationalPilotPrefix();

    /// <summary>The X of a quoted “X+” (“人工智能+”, “互联网+”), or null.</summary>
    internal static string? PlusSubject(string s)
    {
        var close = s.IndexOf("+”", StringComparison.Ordinal);
        if (close < 0) return null;
        var open = s.LastIndexOf('“', close);
        if (open < 0 || close - open - 1 < 2 || close - open - 1 > 10) return null;
        var x = s[(open + 1)..close];
        return x.All(c => ParseContext.IsCjk(c) || char.IsAsciiLetter(c)) ? x : null;
    }

    private string StripPlace(string s)
    {
        foreach (var prefix in _v.TrackNamePrefixes)
            if (s.StartsWith(prefix, StringComparison.Ordinal)) return s[prefix.Length..];
        var best = -1;
        foreach (var suffix in _v.PlaceSuffixes)
        {
            var at = s.IndexOf(suffix, StringComparison.Ordinal);
            // 湖北省县域特色产业集群: 县域, 市域, 区域 (the whole of a level) qualify the subject, they end no place's name.
            if (at > 0 && at + suffix.Length < s.Length && s[at + suffix.Length] == '域') continue;
            if (at > 0 && at + suffix.Length <= 16 && at + suffix.Length > best) best = at + suffix.Length;
        }
        // 苏州市推进高质量发展: a segment that is only a division names no subject.
        if (best == s.Length && _v.Gazetteer.Find(s) is not null) return "";
        return best > 0 && best < s.Length ? s[best..] : s;
    }

    /// <summary>
    /// Whether the words after an industry head in a title segment (海洋经济人才新高地 → 人才新高地) make the industry a
    /// qualifier of people or firms (<c>qualifiedNouns</c>: 人才, 企业…); a cluster, a park, a tail of development
    /// (产业集群, 产业园, 产业倍增) do not.
    /// </summary>
    private bool QualifiesAnother(string rest) =>
        _v.QualifiedNouns.Any(n => rest.StartsWith(n, StringComparison.Ordinal));

    private bool OfFirmsOrPeople(string segment)
    {
        var quoted = segment.IndexOf('“', StringComparison.Ordinal);
        var bare = quoted > 0 ? segment[..quoted] : segment;
        return _v.QualifiedNouns.Any(n => bare.EndsWith(n, StringComparison.Ordinal));
    }

    private bool QualifierSegment(string segment)
    {
        foreach (var part in StripPlace(segment).Split('和'))
        {
            var at = -1;
            var length = 0;
            foreach (var head in _v.IndustryHeads.OrderByDescending(h => h.Length))
                if ((at = part.IndexOf(head, StringComparison.Ordinal)) > 0) { length = head.Length; break; }
            if (at > 0 && QualifiesAnother(part[(at + length)..])) return true;
        }
        return false;
    }

    private string? SubjectOf(string segment, bool tailed)
    {
        // “人工智能+”产业: the technology the plus is about is the subject.
        if (PlusSubject(segment) is { } plus) return plus;
        var s = segment.Replace("“", "", StringComparison.Ordinal).Replace("”", "", StringComparison.Ordinal).Replace("+", "",
            StringComparison.Ordinal);
        string? name = null;
        foreach (var head in _v.IndustryHeads.OrderByDescending(h => h.Length))
        {
            var at = s.IndexOf(head, StringComparison.Ordinal);
            if (at <= 0) continue;
            // 海洋经济人才新高地: an industry head followed by other words qualifies them; 产业集群 still names the industry.
            var rest = s[(at + head.Length)..];
            if (QualifiesAnother(rest)) return null;
            name = s[..(at + head.Length)];
            break;
        }
        if (name is null)
        {
            var quote = segment.IndexOf('“', StringComparison.Ordinal);
            name = quote > 0 ? segment[..quote] : tailed ? s : null;
            // 5G应用“扬帆”行动计划: what a quoted programme applies is the subject, not its application.
            if (quote > 0 && _v.ProcessEndings.FirstOrDefault(w => name!.EndsWith(w, StringComparison.Ordinal)) is { } process
                && name!.Length > process.Length + 1)
                name = name[..^process.Length];
        }
        // 6G, 5G: a technology named with a digit and a letter is a name; a figure is not.
        if (name is null || name.Length < 2 || name.Length > 12 || (name.Any(char.IsAsciiDigit) && !name.Any(char.IsAsciiLetter)))
            return null;
        if (_v.TitleVerbs.Any(v => name.Contains(v, StringComparison.Ordinal)) || name.Contains('的', StringComparison.Ordinal))
            return null;
        // 促进中小企业高质量发展, 中小企业“专精特新”: what develops is firms or people, not an industry.
        // (量子技术创新发展 keeps its technology: only firms and people are refused.)
        if (_v.QualifiedNouns.Any(n => name.EndsWith(n, StringComparison.Ordinal))) return null;
        // 科学技术发展规划, 教育发展规划: a bare field of government work is no industry (农业 ends in an industry head: it is).
        if (_v.FieldWords.Contains(name, StringComparer.Ordinal) && !_v.IndustryHeads.Any(h => name.EndsWith(h, StringComparison.Ordinal)))
            return null;
        return name;
    }
}

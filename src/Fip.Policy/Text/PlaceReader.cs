namespace Fip.Policy.Text;

/// <summary>
/// The place phase: region phrases (双季稻地区, 中西部地区), lists of divisions and area names from the national gazetteer
/// (支持广州、深圳、珠海等市), an area name after a layout word (依托苏州工业园区), and area lists such as
/// 以A、B等试点片区为支撑.
/// </summary>
internal sealed partial class PlaceReader
{
    /// <summary>
    /// The one of <paramref name="words"/> found furthest on in <paramref name="run"/>, and where (Verb null when none is): the verb
    /// that opens what follows it (a list of areas, a regional block, a city role).
    /// </summary>
    private static (string? Verb, int At) LastWord(IEnumerable<string> words, string run) =>
        words.Select(w => (Verb: (string?)w, At: run.LastIndexOf(w, StringComparison.Ordinal)))
            .Where(x => x.At >= 0).OrderByDescending(x => x.At).FirstOrDefault();

    private readonly ParseContext _c;
    private readonly string text;
    private readonly PolicyVocabulary _v;
    private readonly List<PlaceFinding> _places = [];

    private PlaceReader(ParseContext context)
    {
        _c = context;
        text = context.Text;
        _v = context.Vocabulary;
    }

    public static IReadOnlyList<PlaceFinding> Read(ParseContext context)
    {
        var reader = new PlaceReader(context);
        reader.FindPlaces();
        return reader.WithoutFramedRegions(reader.WithoutStrategyRegions());
    }

    /// <summary>
    /// A list of places (重点布局：A、B、C); each place belongs to the track whose paragraph holds the first item that has
    /// one.
    /// </summary>
    public static void AddPlaceList(ParseContext context, int start, int end, List<PlaceFinding> into)
    {
        var text = context.Text;
        var v = context.Vocabulary;
        string? track = null;
        foreach (var (ps, pl) in PolicyParser.SplitTopLevel(text, start, end, "、，,；;"))
        {
            var (s, l) = PolicyParser.Trim(text, ps, pl);
            var name = text.Substring(s, l).TrimEnd('等');
            if (name.Length < 2 || v.GenericPlacePrefixes.Any(g => name.StartsWith(g, StringComparison.Ordinal))) continue;
            if (v.NotPlaceWords.Any(w => name.Contains(w, StringComparison.Ordinal))) continue;
            var place = new FocusPlace(name, v.CanonicalPlace(name), context.Span(s, name.Length));
            track ??= context.TrackAt(s)?.Name;
            into.Add(new PlaceFinding(place, track));
        }
    }

    /// <summary>
    /// 抢抓成渝地区双城经济圈建设, 使成渝地区成为…: a place read inside the name of a national strategy's region
    /// (<c>strategyRegions</c>), or named as part of one, is that strategy's region, not a focus layout.
    /// </summary>
    private List<PlaceFinding> WithoutStrategyRegions()
    {
        if (_places.Count == 0 || _v.StrategyRegions.Count == 0) return _places;
        var spans = new List<(int Start, int End)>();
        foreach (var region in _v.StrategyRegions)
            for (var at = text.IndexOf(region, StringComparison.Ordinal); at >= 0;
                 at = text.IndexOf(region, at + region.Length, StringComparison.Ordinal))
                spans.Add((at, at + region.Length));
        return [.. _places.Where(p =>
            !_v.StrategyRegions.Any(r => r.Contains(p.Place.Name, StringComparison.Ordinal))
            && !spans.Any(x => p.Place.Source.Offset < x.End && x.Start < p.Place.Source.Offset + p.Place.Source.Length))];
    }

    private void AddPlace(FocusPlace place) => _places.Add(new PlaceFinding(place, null));

    private void FindPlaces()
    {
        var regions = new List<FocusPlace>();
        foreach (var head in _v.RegionHeads)
        {
            for (var at = text.IndexOf(head, _c.BodyStart, StringComparison.Ordinal); at >= 0;
                 at = text.IndexOf(head, at + head.Length, StringComparison.Ordinal))
            {
                if (at >= _c.TruncatedFrom) break;
                // The longest qualifier (up to 6 characters, no boundary word inside) that stands right after a
                // delimiter or a boundary word: 着力提升|双季稻地区, 向|中西部地区, 、|长江中下游地区.
                var best = -1;
                for (var len = 1; len <= 6 && at - len >= 0; len++)
                {
                    var from = at - len;
                    if (!ParseContext.IsCjk(text[from])) break;
                    var q = _c.Sub(from, at);
                    if (_v.PlaceBoundaryWords.Any(b => q.Contains(b, StringComparison.Ordinal))) break;
                    var leftOk = from == 0
                        || !ParseContext.IsCjk(text[from - 1])
                        || _v.PlaceBoundaryWords.Any(b => from - b.Length >= 0 && text.AsSpan(from - b.Length, b.Length).SequenceEqual(b));
                    if (leftOk) best = from;
                }
                if (best < 0) continue;
                var prefix = _c.Sub(best, at);
                if (_v.GenericPlacePrefixes.Any(g => prefix.StartsWith(g, StringComparison.Ordinal) || prefix.EndsWith(g,
                    StringComparison.Ordinal))
                    || _v.GenericPlaceWords.Any(g => prefix.Contains(g, StringComparison.Ordinal))) continue;
                // 赋予广州地区: a qualifier that runs past a division name into the words before it crosses a verb.
                var division = _v.Gazetteer.SuffixOf(prefix);
                if (division is not null && division.Length < prefix.Length) continue;
                // 促进中部地区崛起的机遇, 内陆地区改革开放的高地, 勇当沿海地区高质量发展排头兵: a role word in the rest of the
                // clause means the region frames the city's ambition, it is no layout.
                var clauseEnd = at + head.Length;
                while (clauseEnd < text.Length && !ParseContext.ClauseSeparators.Contains(text[clauseEnd], StringComparison.Ordinal)
                    && text[clauseEnd] is not ('、' or '\n')) clauseEnd++;
                var rest = _c.Sub(at + head.Length, clauseEnd);
                if (_v.RegionRoleWords.Any(w => rest.Contains(w, StringComparison.Ordinal))) continue;
                // 占地区生产总值比重: 地区 opens a statistic's name (regionCompounds), it heads no region.
                if (_v.RegionCompounds.Any(w => rest.StartsWith(w, StringComparison.Ordinal))) continue;
                var name = prefix + head;
                regions.Add(new FocusPlace(name, _v.CanonicalPlace(name), _c.Span(best, name.Length)));
            }
        }
        // 拓宽贫困地区 beside 贫困地区: the shorter phrase is the place, the longer one carries a verb.
        foreach (var r in regions)
            if (!regions.Any(o => o.Name.Length < r.Name.Length && r.Name.EndsWith(o.Name, StringComparison.Ordinal)))
                AddPlace(r);
        FindGazetteerPlaces();
        LayoutFormulaPlaces();
        SharedHeadAreaPlaces();
        LayoutChapterPlaces();
        CityRolePlaces();
        RegionalBlockPlaces();
        LayoutRolePlaces();
        HeadingPlaces();
        // 以A、B等试点片区为支撑 / 为重点 / 为载体; 以汤池、杨河等6个特色乡镇为重点 (towns, parser13).
        foreach (var cls in _v.AreaClassWords.Concat(_v.SettlementClassWords))
        {
            for (var at = text.IndexOf("等", _c.BodyStart, StringComparison.Ordinal); at >= 0; at = text.IndexOf('等', at + 1))
            {
                var tailStart = at + 1;
                var tail = text.AsSpan(tailStart, Math.Min(12, text.Length - tailStart));
                var ci = tail.IndexOf(cls, StringComparison.Ordinal);
                if (ci < 0 || ci > 6) continue;
                var after = tail[(ci + cls.Length)..];
                if (!after.StartsWith("为", StringComparison.Ordinal)) continue;
                var open = text.LastIndexOf('以', at);
                if (open < 0 || at - open > 80 || _c.Sub(open, at).IndexOfAny(['，', '。', '；']) >= 0) continue;
                AddPlaceList(_c, open + 1, at, _places);
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
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        // The addressees (各市（含定州、辛集市）人民政府…：, 苏州工业园区、苏州高新区…管委会：) are organs written to, not places.
        var addressees = _c.Lines
            .Where(l => text[l.Start..l.End].TrimEnd() is { Length: > 0 } line && (line[^1] == '：' || line[^1] == ':'))
            .ToList();
        var start = _c.BodyStart;
        for (var i = _c.BodyStart; i <= end; i++)
        {
            if (i < end && !ParseContext.ClauseSeparators.Contains(text[i], StringComparison.Ordinal) && text[i] != '\n') continue;
            var clauseStart = start;
            if (i > start && !addressees.Any(l => l.Start <= clauseStart && clauseStart < l.End)) ReadPlaceList(start, i);
            start = i + 1;
        }
        // A list cut by the end of an opening (成都东部新区、龙泉驿) keeps its complete items, those before the last 、; an
        // addressee line the text ends on is not cut, it is written to organs.
        if (_c.TruncatedFrom < text.Length && !addressees.Any(l => l.Start <= _c.TruncatedFrom && _c.TruncatedFrom < l.End))
        {
            var cutEnd = text.TrimEnd().Length;
            var last = text.LastIndexOf('、', cutEnd - 1, cutEnd - _c.TruncatedFrom);
            if (last > _c.TruncatedFrom) ReadPlaceList(_c.TruncatedFrom, last, cut: true);
        }
        foreach (var head in _v.AreaNameHeads)
            for (var at = text.IndexOf(head, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                 at = text.IndexOf(head, at + head.Length, StringComparison.Ordinal))
            {
                // 苏州工业园区: the head 工业园 inside the longer head 工业园区 is read with that head.
                if (_v.AreaNameHeads.Any(h => h.Length > head.Length && h.StartsWith(head, StringComparison.Ordinal)
                        && text.AsSpan(at).StartsWith(h, StringComparison.Ordinal)))
                    continue;
                string? best = null;
                var bestStart = -1;
                for (var from = at - 1; from >= Math.Max(0, at - 12) && ParseContext.IsCjk(text[from]); from--)
                {
                    var candidate = _c.Sub(from, at + head.Length);
                    if (IsAreaName(candidate) && _v.LayoutWords.Any(w => EndsAt(from, w))) (best, bestStart) = (candidate, from);
                }
                if (best is not null) AddPlace(new FocusPlace(best, _v.CanonicalPlace(best), _c.Span(bestStart, best.Length)));
            }
    }

    private bool EndsAt(int offset, string word) =>
        offset - word.Length >= 0 && text.AsSpan(offset - word.Length, word.Length).SequenceEqual(word);

    /// <summary>
    /// A 、-list of places: the first item read back from its verb, the last up to 等; every item must be a place. A
    /// <paramref name="cut"/> list (ending where the text was cut) holds complete items only, so one is enough.
    /// </summary>
    private void ReadPlaceList(int start, int end, bool cut = false)
    {
        var items = new List<(int S, int L)>();
        var s = start;
        for (var i = start; i <= end; i++)
            if (i == end || text[i] == '、') { items.Add((s, i - s)); s = i + 1; }
        if (items.Count < (cut ? 1 : 2)) return;
        var found = new List<(int S, int L)>();
        for (var k = 0; k < items.Count; k++)
        {
            var (itemStart, itemLength) = PolicyParser.Trim(text, items[k].S, items[k].L);
            var item = text.Substring(itemStart, itemLength);
            (int S, int L)? hit = null;
            if (k == 0)
            {
                // The first item is read back from the end: 支持|广州.
                for (var len = Math.Min(item.Length, 16); len >= 2 && hit is null; len--)
                {
                    var tail = item[^len..];
                    var left = item[..^len];
                    // A named area (云溪小镇) has no division to mark where it starts: the words before it must end in a
                    // layout or boundary word (以|云溪小镇, 六园即|高端化工产业园), so 打造特色产业园 gives nothing.
                    if (IsPlaceName(tail) && (!IsNamedAreaOnly(tail) || left.Length == 0 || EndsInBoundary(left)))
                        hit = (itemStart + item.Length - len, len);
                }
            }
            else if (k == items.Count - 1 && !cut)
            {
                // The last item up to 等 (珠海等市), or the longest place it opens with (房山推动…).
                var deng = item.IndexOf('等', StringComparison.Ordinal);
                if (deng >= 2 && IsPlaceName(item[..deng])) hit = (itemStart, deng);
                for (var len = Math.Min(item.Length, 16); len >= 2 && hit is null && deng < 0; len--)
                    if (IsPlaceName(item[..len])) hit = (itemStart, len);
            }
            else if (IsPlaceName(item)) hit = (itemStart, item.Length);
            hit ??= BareZoneItem(item, itemStart, k == items.Count - 1 && !cut);
            if (hit is null) return;
            found.Add(hit.Value);
        }
        // 对广东、深圳系列重要讲话: places a speech was given in or addressed to are no focus layout.
        var (lastStart, lastLength) = found[^1];
        var follows = _c.Sub(lastStart + lastLength, Math.Min(text.Length, lastStart + lastLength + 10));
        // 考察浙江、宁波时的重要讲话: the time of a visit before the speech word.
        foreach (var when in (ReadOnlySpan<string>)["时的", "时"])
            if (follows.StartsWith(when, StringComparison.Ordinal)) { follows = follows[when.Length..]; break; }
        if (_v.SpeechWords.Any(w => follows.StartsWith(w, StringComparison.Ordinal))) return;
        // 落后于乐清市、龙湾区和瓯海区: the places a document measures itself against are no layout.
        var before = _c.Sub(Math.Max(0, found[0].S - 4), found[0].S);
        if (_v.ComparisonWords.Any(w => before.EndsWith(w, StringComparison.Ordinal))) return;
        // 依托高新区、经开区: bare zone short forms alone are no list of places; beside divisions in full they are the city's zones.
        if (!BareZonesBesideFullDivisions(found)) return;
        var sharedHead = SharedAreaHead(found);
        foreach (var (ps, pl) in found)
        {
            var name = text.Substring(ps, pl);
            // 广州、深圳高新区: the area head of the last item is shared by the bare divisions before it.
            if (sharedHead is not null && _v.Gazetteer.Find(name) is not null) name += sharedHead;
            AddPlace(new FocusPlace(name, _v.CanonicalPlace(name), _c.Span(ps, pl)));
        }
    }

    /// <summary>A division in full or short form (邗江区, 广州) or an area name that opens with one (成都高新区).</summary>
    private bool IsPlaceName(string s) =>
        s.Length >= 2 && s.All(ParseContext.IsCjk) && !_v.GenericPlacePrefixes.Any(g => s.StartsWith(g, StringComparison.Ordinal))
        && (_v.Gazetteer.Find(s) is not null || IsAreaName(s) || IsNamedArea(s, relaxed: false));

    private bool IsNamedAreaOnly(string s) => _v.Gazetteer.Find(s) is null && !IsAreaName(s) && IsNamedArea(s, relaxed: false);

    private bool EndsInBoundary(string s) =>
        _v.LayoutWords.Concat(_v.PlaceBoundaryWords).Concat(_v.NamedListOpeners).Any(w => s.EndsWith(w, StringComparison.Ordinal));

    /// <summary>
    /// An area named without a division (云溪小镇, 高端化工产业园, 广州人工智能与数字经济试验区 in a layout passage): its own
    /// words and a named-area head; own words made only of class modifiers (特色小镇, 现代产业园, 示范园区) name a class.
    /// <paramref name="relaxed"/> (a name given a role under a layout heading) lets 与/和/及 join its words.
    /// </summary>
    private bool IsNamedArea(string s, bool relaxed)
    {
        var head = _v.NamedAreaHeads.FirstOrDefault(h => s.EndsWith(h, StringComparison.Ordinal));
        if (head is null) return false;
        var own = s[..^head.Length];
        if (own.Length < 2 || own.Length > (relaxed ? 14 : 10) || !own.All(ParseContext.IsCjk)) return false;
        if (_v.PlaceBoundaryWords.Any(b => own.Contains(b, StringComparison.Ordinal) && !(relaxed && b is "与" or "和" or "及"))
            || _v.LayoutWords.Any(w =>
                own.StartsWith(w, StringComparison.Ordinal) || (w.Length > 1 && own.Contains(w, StringComparison.Ordinal)))
            || (_v.Gazetteer.PrefixOf(own) is { } division && division[^1] is '市' or '区' or '县' or '省')
            || _v.GenericPlacePrefixes.Any(g => own.StartsWith(g, StringComparison.Ordinal))
            // 国家人工智能创新应用先导区: a national designation (designationOpenings), not a place of the layout.
            || _v.DesignationOpenings.Any(g => own.StartsWith(g, StringComparison.Ordinal))
            || own.Contains('等', StringComparison.Ordinal) || own.Contains('即', StringComparison.Ordinal))
            return false;
        var rest = own;
        for (var stripped = true; stripped && rest.Length > 0;)
        {
            stripped = false;
            foreach (var m in _v.AreaClassModifiers)
                if (rest.StartsWith(m, StringComparison.Ordinal)) { rest = rest[m.Length..]; stripped = true; break; }
        }
        return rest.Length > 0;
    }

    /// <summary>
    /// 以广州人工智能与数字经济试验区为核心 under a layout heading (三、空间布局): an area given the central or leading role
    /// of the layout is a focus place, named with or without a division.
    /// </summary>
    private void LayoutRolePlaces()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var role in _v.LayoutRoles)
            for (var at = text.IndexOf(role, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                 at = text.IndexOf(role, at + role.Length, StringComparison.Ordinal))
            {
                var yi = text.LastIndexOf('以', at - 1, Math.Min(at, 20));
                if (yi < 0) continue;
                var name = _c.Sub(yi + 1, at);
                if (!(IsNamedArea(name, relaxed: true) || IsAreaName(name))) continue;
                var section = _c.SectionAt(yi);
                if (section < 0) continue;
                var headings = _c.Ancestors(section).Select(h => h.Title);
                if (!headings.Any(h => _v.LayoutHeadingWords.Any(w => h.Contains(w, StringComparison.Ordinal)))) continue;
                if (_places.Any(p => p.Place.Source.Offset == yi + 1)) continue;
                AddPlace(new FocusPlace(name, _v.CanonicalPlace(name), _c.Span(yi + 1, name.Length)));
            }
    }

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
        // 醴陵市陶瓷工业园等产业园区: 等 closes a list of names; the class after it is no part of the last one.
        return division is not null && own.Length <= 6 && rest.All(ParseContext.IsCjk) && !own.Contains('等', StringComparison.Ordinal)
            && !_v.PlaceBoundaryWords.Any(b => own.Contains(b, StringComparison.Ordinal))
            && !_v.LayoutWords.Any(w => w.Length > 1 && own.Contains(w, StringComparison.Ordinal));
    }
}

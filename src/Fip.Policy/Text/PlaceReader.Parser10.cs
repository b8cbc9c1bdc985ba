namespace Fip.Policy.Text;

/// <summary>
/// The place phase's mechanisms from held-out-8 (branch <c>parser10</c>): the grammar of coordination (a bare zone head listed
/// beside a division is that division's zone; a head written once after a list of divisions is shared by them) and frames that
/// make a region no place of the document (a title it cites, the complement of 成为).
/// </summary>
internal sealed partial class PlaceReader
{
    /// <summary>
    /// 依托包河区、高新区打造…: an item of a place list that is only the short form of a city's statutory zone
    /// (<c>cityZoneShortForms</c>: 高新区, 经开区) names the zone of the city the document is about, written short as documents
    /// do once the city is known; the last item may run on into the clause's words (高新区打造…). The caller keeps such items
    /// only beside divisions named in full (包河区, not 港口 of 开展港口、园区…).
    /// </summary>
    private (int S, int L)? BareZoneItem(string item, int itemStart, bool last)
    {
        foreach (var head in _v.CityZoneShortForms)
            if (item == head || (last && item.StartsWith(head, StringComparison.Ordinal) && !item.AsSpan(head.Length).StartsWith("等")))
                return (itemStart, head.Length);
        return null;
    }

    /// <summary>
    /// 广州、深圳高新区: when every item but the last is a bare division and the last is a division and an area head with no words
    /// of its own, the head is written once for all (a shared head, 共用中心语); null otherwise.
    /// </summary>
    private bool BareZonesBesideFullDivisions(List<(int S, int L)> found)
    {
        var names = found.Select(f => text.Substring(f.S, f.L)).ToList();
        var bare = names.Count(n => _v.CityZoneShortForms.Contains(n, StringComparer.Ordinal));
        return bare == 0
            || (bare < names.Count
                && names.All(n => _v.CityZoneShortForms.Contains(n, StringComparer.Ordinal)
                    || (_v.Gazetteer.Find(n) is not null && n[^1] is '市' or '区' or '县' or '旗')));
    }

    private string? SharedAreaHead(List<(int S, int L)> found)
    {
        if (found.Count < 2) return null;
        var last = text.Substring(found[^1].S, found[^1].L);
        if (_v.Gazetteer.PrefixOf(last) is not { } division) return null;
        var head = last[division.Length..];
        if (!_v.AreaNameHeads.Contains(head, StringComparer.Ordinal)) return null;
        return found.SkipLast(1).All(f => _v.Gazetteer.Find(text.Substring(f.S, f.L)) is not null) ? head : null;
    }

    /// <summary>
    /// 《珠江三角洲地区改革发展规划纲要》: a place inside the title of a document the text cites is that document's scope; 成为亚太地区
    /// 重要的…基地: a region right after a verb of becoming (<c>ambitionVerbs</c>) qualifies what the plan means to become. Neither
    /// is a place of the document.
    /// </summary>
    private List<PlaceFinding> WithoutFramedRegions(List<PlaceFinding> places) =>
        [.. places.Where(p => !InCitedTitle(p.Place.Source.Offset) && !AfterAmbitionVerb(p.Place.Source.Offset))];

    private bool InCitedTitle(int offset)
    {
        var open = text.LastIndexOf('《', Math.Min(offset, text.Length - 1));
        if (open < 0) return false;
        var close = text.IndexOf('》', open);
        return close > offset;
    }

    private bool AfterAmbitionVerb(int offset) =>
        _v.AmbitionVerbs.Any(w => offset >= w.Length && text.AsSpan(offset - w.Length, w.Length).SequenceEqual(w));
}

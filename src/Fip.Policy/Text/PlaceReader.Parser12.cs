namespace Fip.Policy.Text;

/// <summary>
/// The place phase's mechanisms from held-out-10 (branch <c>parser12</c>): places a plan names by its layout headings. A
/// plan that lays out its space gives each zone or district a section of its own (<c>(一)咸宁高新技术产业开发区。</c>,
/// <c>(二)嘉鱼县。</c>), and names the districts of each layout element after its label (<c>(一)一核：咸宁主城区创新发展核心区</c>,
/// <c>(二)一带：赤壁 嘉鱼沿江创新发展带</c>).
/// </summary>
internal sealed partial class PlaceReader
{
    private const string LayoutElementHeads = "核心带极轴廊翼圈群区";

    /// <summary>
    /// Sibling headings (one parent, one level) of which two or more are each a whole place name: a division in full, an area name
    /// (<see cref="IsAreaName"/>) or a named area; a trailing bracket (<c>(含向阳湖)</c>) is an aside. One such heading among
    /// task headings is a section about a place, not a layout, and gives nothing.
    /// </summary>
    private void HeadingPlaces()
    {
        var outline = _c.Outline;
        var groups = new Dictionary<(int Parent, int Level), List<(string Name, int Start)>>();
        for (var i = 0; i < outline.Count; i++)
        {
            var h = outline[i];
            var parent = i - 1;
            while (parent >= 0 && outline[parent].Level >= h.Level) parent--;
            var title = h.Title.TrimEnd('。', '.', '；', ';', '：', ':', ' ');
            var titleStart = h.Source.End - h.Title.Length;
            if (titleStart < _c.BodyStart || titleStart >= _c.TruncatedFrom) continue;
            var close = title.Length > 0 ? title[^1] : ' ';
            if (close is '）' or ')')
            {
                var open = title.LastIndexOfAny(['（', '(']);
                if (open > 0) title = title[..open];
            }
            if (!IsHeadingPlace(title)) continue;
            var key = (parent, h.Level);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add((title, titleStart));
        }
        foreach (var list in groups.Values.Where(l => l.Count >= 2))
            foreach (var (name, start) in list)
                AddHeadingPlace(name, start);
        LayoutElementPlaces();
    }

    /// <summary>A heading's title that is only a place's name (an aside in a bracket inside it, 武咸(贺胜)战略发展区, is allowed).</summary>
    private bool IsHeadingPlace(string title)
    {
        if (title.Length < 2) return false;
        var bare = System.Text.RegularExpressions.Regex.Replace(title, @"[（(][^（）()]{1,8}[）)]", "");
        if (bare.Length < 2 || !bare.All(ParseContext.IsCjk)) return false;
        if (_v.Gazetteer.Find(bare) is { } division) return bare == division.Name && bare[^1] is '市' or '区' or '县' or '旗';
        return IsAreaName(bare) || IsNamedArea(bare, relaxed: true);
    }

    /// <summary>
    /// <c>一核：咸宁主城区创新发展核心区</c>, <c>一带：赤壁 嘉鱼沿江创新发展带</c>: a heading that opens with a layout element's label
    /// (a numeral or 多/两 and a head such as 核, 带, 极, 轴) and a colon names, at the start of what follows, the districts of
    /// that element: the longest place name that opens it, and each after a 、 or a blank.
    /// </summary>
    private void LayoutElementPlaces()
    {
        foreach (var h in _c.Outline)
        {
            var titleStart = h.Source.End - h.Title.Length;
            if (titleStart < _c.BodyStart || titleStart >= _c.TruncatedFrom) continue;
            var colon = h.Title.IndexOfAny(['：', ':']);
            if (colon is < 2 or > 4) continue;
            var label = h.Title[..colon];
            if (!"一二两三四五六七八九十多".Contains(label[0], StringComparison.Ordinal)
                || !LayoutElementHeads.Contains(label[^1], StringComparison.Ordinal)) continue;
            var at = colon + 1;
            while (at < h.Title.Length)
            {
                string? best = null;
                for (var len = Math.Min(16, h.Title.Length - at); len >= 2 && best is null; len--)
                {
                    var candidate = h.Title.Substring(at, len);
                    if (IsPlaceName(candidate)) best = candidate;
                }
                if (best is null) break;
                AddHeadingPlace(best, titleStart + at);
                at += best.Length;
                if (at >= h.Title.Length || h.Title[at] is not ('、' or ' ' or '\u3000')) break;
                while (at < h.Title.Length && h.Title[at] is '、' or ' ' or '\u3000') at++;
            }
        }
    }

    private void AddHeadingPlace(string name, int start)
    {
        // 赤壁 in a layout element's heading and 赤壁市 as a section of its own are one place.
        var division = _v.Gazetteer.Find(name)?.Code;
        if (_places.Any(p => p.Place.Source.Offset == start || p.Place.Name == name
            || (division is not null && _v.Gazetteer.Find(p.Place.Name)?.Code == division))) return;
        AddPlace(new FocusPlace(name, _v.CanonicalPlace(name), _c.Span(start, name.Length)));
    }
}

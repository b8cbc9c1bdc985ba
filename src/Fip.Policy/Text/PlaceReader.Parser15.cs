namespace Fip.Policy.Text;

/// <summary>
/// The place phase's mechanisms from held-out-13 (branch <c>parser15</c>): the regional blocks a regional layout develops
/// (<c>大力发展环成都经济圈、川南经济区、川东北经济区、攀西经济区</c>), and a division given a city role
/// (<c>做强成都国家中心城市</c>).
/// </summary>
internal sealed partial class PlaceReader
{
    /// <summary>
    /// 大力发展环成都经济圈、川南经济区、川东北经济区、攀西经济区: a clause whose verb (<c>regionalBlockVerbs</c>) opens a 、-list of
    /// two or more names, each of its own short words (two to five) and a regional block's head (<c>regionalBlockHeads</c>: 经济区,
    /// 经济圈, 经济带), names the blocks of a regional layout: each is a place. A list with any other item is not one.
    /// </summary>
    private void RegionalBlockPlaces()
    {
        if (_v.RegionalBlockHeads.Count == 0) return;
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        var start = _c.BodyStart;
        for (var i = _c.BodyStart; i <= end; i++)
        {
            if (i < end && !ParseContext.ClauseSeparators.Contains(text[i], StringComparison.Ordinal) && text[i] != '\n') continue;
            if (i - start > 8) ReadRegionalBlocks(start, i);
            start = i + 1;
        }
    }

    private void ReadRegionalBlocks(int start, int end)
    {
        var clause = text.AsSpan(start, end - start);
        if (clause.IndexOf('、') < 0) return;
        var items = new List<(int Start, int Length)>();
        var s = start;
        for (var i = start; i <= end; i++)
            if (i == end || text[i] == '、') { items.Add((s, i - s)); s = i + 1; }
        if (items.Count < 2) return;
        // The first item is read from its verb on: 大力发展|环成都经济圈.
        var first = text.Substring(items[0].Start, items[0].Length);
        var verb = LastWord(_v.RegionalBlockVerbs, first);
        if (verb.Verb is null) return;
        var own = verb.At + verb.Verb.Length;
        items[0] = (items[0].Start + own, items[0].Length - own);
        if (!items.All(x => IsRegionalBlock(text.Substring(x.Start, x.Length)))) return;
        foreach (var (ps, pl) in items)
        {
            var name = text.Substring(ps, pl);
            if (_places.Any(p => p.Place.Source.Offset == ps)) continue;
            AddPlace(new FocusPlace(_c.AsWritten(name), _v.CanonicalPlace(name), _c.Span(ps, pl)));
        }
    }

    /// <summary>Whether <paramref name="item"/> is a regional block's name: two to five words of its own and a block head.</summary>
    private bool IsRegionalBlock(string item)
    {
        var head = _v.RegionalBlockHeads.FirstOrDefault(h => item.EndsWith(h, StringComparison.Ordinal));
        if (head is null) return false;
        var own = item[..^head.Length];
        return own.Length is >= 2 and <= 5 && own.All(ParseContext.IsCjk)
            && !_v.GenericPlacePrefixes.Any(g => own.StartsWith(g, StringComparison.Ordinal))
            && !_v.PlaceBoundaryWords.Any(b => own.Contains(b, StringComparison.Ordinal))
            && !_v.AreaClassModifiers.Contains(own, StringComparer.Ordinal);
    }

    /// <summary>
    /// 做强成都国家中心城市: a division named right before a city role (<c>cityRoles</c>: 国家中心城市, 区域中心城市) that a verb of
    /// the regional layout (<c>regionalBlockVerbs</c>) opens is the layout's main city, a place. A role without a division
    /// (培育壮大区域中心城市) names none.
    /// </summary>
    private void CityRolePlaces()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var role in _v.CityRoles)
            for (var at = text.IndexOf(role, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                 at = text.IndexOf(role, at + role.Length, StringComparison.Ordinal))
            {
                var from = at;
                while (from > _c.BodyStart && at - from < 12 && ParseContext.IsCjk(text[from - 1])) from--;
                var run = _c.Sub(from, at);
                var verb = LastWord(_v.RegionalBlockVerbs, run);
                if (verb.Verb is null) continue;
                var ps = from + verb.At + verb.Verb.Length;
                var name = _c.Sub(ps, at);
                if (name.Length < 2 || _v.Gazetteer.Find(name) is null) continue;
                if (_places.Any(p => p.Place.Source.Offset == ps)) continue;
                AddPlace(new FocusPlace(_c.AsWritten(name), _v.CanonicalPlace(name), _c.Span(ps, name.Length)));
            }
    }
}

namespace Fip.Policy.Text;

/// <summary>
/// The place phase's mechanisms from held-out-12 (branch <c>parser14</c>): areas that share one head in a list
/// (<c>建设鉴水、金柯桥、镜湖科技城</c>: three 科技城), and the members of a layout chapter named by its sections
/// (<c>第三章 构建一区两廊冷链物流新格局</c> / <c>第一节 建设主城都市区冷链物流核心区</c>).
/// </summary>
internal sealed partial class PlaceReader
{
    /// <summary>
    /// 高水平建设鉴水、金柯桥、镜湖、滨海、曹娥江科技城: after a verb that builds, a 、-list of short names whose last item carries
    /// an area head (<c>sharedHeadAreaHeads</c>: 科技城, 新城…) names one area of that head for each item; each place is the item's
    /// own name. A level (省级), a class modifier (特色) or a name the text reads as an industry is no such item.
    /// </summary>
    private void SharedHeadAreaPlaces()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var head in _v.SharedHeadAreaHeads)
            for (var at = text.IndexOf(head, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                 at = text.IndexOf(head, at + head.Length, StringComparison.Ordinal))
            {
                var items = new List<(int Start, int Length)>();
                var e = at;
                var s = e;
                // The items back from the head, each after a 、; the first one right after the verb.
                while (true)
                {
                    while (s > _c.BodyStart && ParseContext.IsCjk(text[s - 1]) && e - s < 12) s--;
                    if (s > 0 && text[s - 1] == '、')
                    {
                        if (e - s is < 2 or > 4) { items.Clear(); break; }
                        items.Insert(0, (s, e - s));
                        e = s - 1;
                        s = e;
                        continue;
                    }
                    var run = text[s..e];
                    var verb = LastWord(ElementVerbs, run);
                    var first = verb.Verb is null ? -1 : verb.At + verb.Verb.Length;
                    if (first < 0 || run.Length - first is < 2 or > 4) { items.Clear(); break; }
                    items.Insert(0, (s + first, run.Length - first));
                    break;
                }
                if (items.Count < 2 || !items.All(i => SharedHeadItem(text.Substring(i.Start, i.Length)))) continue;
                foreach (var (ps, pl) in items)
                {
                    var name = text.Substring(ps, pl);
                    AddPlace(new FocusPlace(_c.AsWritten(name), _v.CanonicalPlace(name), _c.Span(ps, pl)));
                }
            }
    }

    /// <summary>Whether an item of a shared-head list is a place's own name: no level, class modifier, generic word or industry.</summary>
    private bool SharedHeadItem(string item) =>
        !item.EndsWith('级') && !_v.AreaClassModifiers.Contains(item, StringComparer.Ordinal)
        && !_v.GenericPlacePrefixes.Any(g => item.StartsWith(g, StringComparison.Ordinal))
        && !_c.Tracks.Any(t => item.Contains(_c.Text.Substring(t.Source.Offset, t.Source.Length), StringComparison.Ordinal))
        && !_v.IndustryHeads.Any(h => item.EndsWith(h, StringComparison.Ordinal));

    /// <summary>
    /// 第三章 构建一区两廊多节点冷链物流新格局 / 第一节 建设主城都市区冷链物流核心区 / 第二节 建设渝东北冷链物流发展走廊: a heading that
    /// states a layout formula is a layout chapter, and each section under it that builds one of the formula's elements names the
    /// place it lies in: the words between the verb and the document's industry (a track), or, with no track inside, the place an
    /// element's name opens with (<see cref="ElementPlace"/>).
    /// </summary>
    private void LayoutChapterPlaces()
    {
        var outline = _c.Outline;
        for (var i = 0; i < outline.Count; i++)
        {
            var chapter = outline[i];
            if (LayoutFormula().Match(chapter.Title) is not { Success: true } formula) continue;
            var heads = new HashSet<char>();
            for (var k = 1; k < formula.Length; k += 2) heads.Add(formula.Value[k]);
            for (var j = i + 1; j < outline.Count && outline[j].Level > chapter.Level; j++)
            {
                var section = outline[j];
                if (section.Level != chapter.Level + 1) continue;
                var title = section.Title;
                var verb = ElementVerbs.FirstOrDefault(v => title.StartsWith(v, StringComparison.Ordinal));
                if (verb is null || title.Length < verb.Length + 4 || !heads.Contains(title[^1])) continue;
                var element = title[verb.Length..];
                var name = _c.Tracks.Select(t => _c.Text.Substring(t.Source.Offset, t.Source.Length))
                    .Select(t => element.IndexOf(t, StringComparison.Ordinal)).Where(x => x >= 2).Select(x => element[..x])
                    .FirstOrDefault() ?? ElementPlace(element);
                if (name is null || name.Length is < 2 or > 8 || !name.All(ParseContext.IsCjk)
                    || _v.GenericPlacePrefixes.Any(g => name.StartsWith(g, StringComparison.Ordinal))) continue;
                var at = text.IndexOf(name, section.Source.Offset, StringComparison.Ordinal);
                if (at < 0) continue;
                AddPlace(new FocusPlace(_c.AsWritten(name), _v.CanonicalPlace(name), _c.Span(at, name.Length)));
            }
        }
    }
}

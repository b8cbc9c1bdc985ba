namespace Fip.Policy.Text;

/// <summary>The track phase's rules for objects of a development verb: a batch of an industry, a list of clusters.</summary>
internal sealed partial class TrackReader
{
    /// <summary>
    /// 加快发展一批生产性服务业: a batch (一批) of something that ends in an industry head (产业, 服务业, 经济…), right after a
    /// development verb, is an industry; a batch of firms, projects or scenarios (培育一批龙头企业) is not, nor is a class
    /// (发展一批新兴产业).
    /// </summary>
    private void BatchObjects()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var batch in _v.BatchWords)
        {
            for (var at = text.IndexOf(batch, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                 at = text.IndexOf(batch, at + batch.Length, StringComparison.Ordinal))
            {
                var before = _c.Sub(Math.Max(_c.BodyStart, at - 6), at);
                if (!_v.EnumerationVerbs.Any(v => before.EndsWith(v, StringComparison.Ordinal))) continue;
                var s = at + batch.Length;
                var e = s;
                while (e < end && ParseContext.IsCjk(text[e]) && text[e] != '的' && e - s <= 14) e++;
                if (e - s > 14 || (e < text.Length && text[e] == '的')) continue;
                var name = _c.Sub(s, e);
                if (!_v.IndustryHeads.Any(h => name.EndsWith(h, StringComparison.Ordinal)) || name.Length < 3) continue;
                if (_v.UmbrellaIndustries.Contains(name, StringComparer.Ordinal)
                    || _v.TitleVerbs.Any(v => name.Contains(v, StringComparison.Ordinal))) continue;
                var tier = _c.TierAbove(_c.SectionAt(at));
                AddTrack(name, s, tier?.Code, tier?.Words);
            }
        }
    }

    /// <summary>
    /// 打造氢能产业集群和燃料电池汽车产业集群: two or more clusters joined by 和, 及 or 、 after a development verb name their
    /// industries (氢能, 燃料电池汽车). A cluster qualified by a count or a scale (2个千亿级产业集群) names none.
    /// </summary>
    private void ClusterLists()
    {
        var end = Math.Min(text.Length, _c.TruncatedFrom);
        foreach (var head in _v.ClusterHeads)
        {
            for (var at = text.IndexOf(head, _c.BodyStart, StringComparison.Ordinal); at >= 0 && at < end;
                 at = text.IndexOf(head, at + head.Length, StringComparison.Ordinal))
            {
                // Only the first cluster of a list starts a reading: the one before it must not end a cluster.
                var names = new List<(string Name, int Start)>();
                var s = at;
                while (s > _c.BodyStart && ParseContext.IsCjk(text[s - 1]) && at - s < 12) s--;
                var lead = _c.Sub(s, at);
                var verbAt = -1;
                var verbLength = 0;
                foreach (var v in _v.EnumerationVerbs)
                {
                    var i = lead.LastIndexOf(v, StringComparison.Ordinal);
                    if (i >= 0 && i + v.Length > verbAt + verbLength) (verbAt, verbLength) = (i, v.Length);
                }
                if (verbAt < 0) continue;
                names.Add((lead[(verbAt + verbLength)..], s + verbAt + verbLength));
                var next = at + head.Length;
                while (next < end && text[next] is '和' or '及' or '、')
                {
                    var close = text.IndexOf(head, next + 1, StringComparison.Ordinal);
                    if (close < 0 || close - next - 1 > 12 || close >= end) break;
                    var item = _c.Sub(next + 1, close);
                    if (!item.All(ParseContext.IsCjk)) break;
                    names.Add((item, next + 1));
                    next = close + head.Length;
                }
                if (names.Count < 2) continue;
                if (names.Any(n => n.Name.Length < 2 || n.Name.Contains('的', StringComparison.Ordinal)
                    || n.Name.EndsWith('级') || CountDigits.Contains(n.Name[0], StringComparison.Ordinal))) continue;
                var tier = _c.TierAbove(_c.SectionAt(at));
                foreach (var (name, pos) in names) AddTrack(name, pos, tier?.Code, tier?.Words);
                at = next - head.Length;
            }
        }
    }
}

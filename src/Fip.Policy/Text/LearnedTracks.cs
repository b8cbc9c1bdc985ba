namespace Fip.Policy.Text;

/// <summary>
/// The learned track reader: the candidates of <see cref="TrackCandidates"/> scored by a <see cref="TrackModel"/>; those at or
/// above its threshold are the tracks, best first, each name once (a name inside a better one, or holding it, is the same
/// direction spelt twice and is left out). A rule's finding keeps its tier, chain and paragraph; a name only the learned
/// reader found has no tier (the import page shows it as "other") and no paragraph, and quotes where it is first proposed.
/// </summary>
internal static class LearnedTracks
{
    public static TrackReader.Findings Select(ParseContext c, TrackReader.Findings rules, TrackModel model)
    {
        if (model.IsRulesOnly) return rules;
        var candidates = TrackCandidates.Generate(c, rules.Tracks, rules.Umbrellas);
        var scores = candidates.Select(x => model.Score(x.Occurrences)).ToList();
        var chosen = Choose(candidates.Select(x => x.Name).ToList(), scores, model.Threshold);
        var tracks = new List<TrackFinding>(chosen.Count);
        foreach (var k in chosen.Order())
        {
            var x = candidates[k];
            tracks.Add(x.Finding ?? new TrackFinding(x.Name, null, null, c.Span(Where(c.Text, x.Name, x.Start), x.Name.Length), [], -1, -1,
                "learned"));
        }
        return new TrackReader.Findings(tracks, rules.Umbrellas);
    }

    /// <summary>Where <paramref name="name"/> stands: at <paramref name="start"/> when it does, else its first occurrence.</summary>
    private static int Where(string text, string name, int start)
    {
        if (start >= 0 && start + name.Length <= text.Length && text.AsSpan(start, name.Length).SequenceEqual(name)) return start;
        var at = text.IndexOf(name, StringComparison.Ordinal);
        return at >= 0 ? at : Math.Clamp(start, 0, text.Length - name.Length);
    }

    /// <summary>
    /// The indexes of the candidates taken at <paramref name="threshold"/>: best score first (ties in candidate order), each
    /// skipped when its name holds or lies inside a name already taken.
    /// </summary>
    internal static List<int> Choose(IReadOnlyList<string> names, IReadOnlyList<double> scores, double threshold)
    {
        var order = Enumerable.Range(0, names.Count).Where(i => scores[i] >= threshold)
            .OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        var taken = new List<int>();
        foreach (var i in order)
        {
            var n = names[i];
            if (taken.Any(j => names[j].Contains(n, StringComparison.Ordinal) || n.Contains(names[j], StringComparison.Ordinal))) continue;
            taken.Add(i);
        }
        return taken;
    }
}

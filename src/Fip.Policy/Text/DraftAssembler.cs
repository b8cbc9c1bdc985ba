namespace Fip.Policy.Text;

/// <summary>
/// Puts the phases' findings together into a <see cref="PolicyDraft"/>: places joined to their tracks (each name once),
/// umbrella words dropped from the tracks, and names given back as the source writes them (units in their Simplified form).
/// </summary>
internal static class DraftAssembler
{
    public static PolicyDraft Assemble(ParseContext context, LayoutReader.Findings layout, TitleReader.Findings heading,
        TrackReader.Findings tracks, NoteReader.Findings notes, TargetReader.Findings targets, IReadOnlyList<PlaceFinding> places)
    {
        var trackPlaces = tracks.Tracks.ToDictionary(t => t.Name, _ => new List<FocusPlace>(), StringComparer.Ordinal);
        var allPlaces = new List<FocusPlace>();
        foreach (var (place, trackName) in notes.Places.Concat(places))
        {
            if (!allPlaces.Any(p => p.Name == place.Name)) allPlaces.Add(place);
            if (trackName is not null && trackPlaces[trackName] is var own && !own.Any(p => p.Name == place.Name)) own.Add(place);
        }
        FocusPlace Place(FocusPlace p) => p with { Name = context.AsWritten(p.Name) };
        ResponsibleUnit Unit(ResponsibleUnit u) => u with { Name = context.AsWritten(u.Name) };
        var trackList = tracks.Tracks
            .Where(t => !tracks.Umbrellas.Contains(t.Name))
            .Select(t => new PolicyTrack(context.AsWritten(t.Name), t.TierCode, t.TierWords, [.. trackPlaces[t.Name].Select(Place)],
                [.. t.Chain.Select(c => c with { Name = context.AsWritten(c.Name) })], t.Source))
            .ToList();
        return new PolicyDraft(context.Source, context.AsWritten(heading.Title), heading.TitleSpan, heading.IssuingNumber,
            [.. context.Outline],
            // A unit is a measure of a closed list, given in its Simplified form (億元 is 亿元) so targets compare across documents.
            [.. targets.Targets.Select(t => t with { Indicator = context.AsWritten(t.Indicator) })],
            [.. notes.Responsibilities.Select(r => r with { Units = [.. r.Units.Select(Unit)] })],
            [.. notes.Inherited.Select(a => a with { Units = [.. a.Units.Select(Unit)] })], trackList, [.. allPlaces.Select(Place)],
            [.. heading.References], [.. layout.Unplaced, .. notes.Unplaced, .. targets.Unplaced]);
    }
}

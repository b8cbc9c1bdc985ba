namespace Fip.Policy;

/// <summary>
/// The national administrative divisions (GB/T 2260 codes: provinces, prefectures, county-level units) read from
/// <c>gazetteer.csv</c> (<c>code,name,level</c>), with the short forms documents use (广州市 → 广州, 邗江区 → 邗江):
/// a name loses the longest of the division suffixes listed in <c>places.json</c> (<c>divisionSuffixes</c>) when at
/// least two characters remain and the short form is no common word (<c>notShortForms</c>: 新城, 城关…).
/// </summary>
public sealed class Gazetteer
{
    private readonly Dictionary<string, GazetteerEntry> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GazetteerEntry> _byShortName = new(StringComparer.Ordinal);

    internal Gazetteer(string csv, IReadOnlyList<string> divisionSuffixes, IReadOnlyCollection<string> notShortForms)
    {
        _suffixes = [.. divisionSuffixes.OrderByDescending(s => s.Length)];
        _notShortForms = notShortForms;
        foreach (var raw in csv.Split('\n').Skip(1))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split(',');
            if (parts.Length != 3 || parts[0].Length != 6 || !parts[0].All(char.IsAsciiDigit))
                throw new InvalidOperationException($"gazetteer.csv: not a line of code,name,level: {line}");
            var entry = new GazetteerEntry(parts[0], parts[1], parts[2]);
            // The first entry of a name keeps it (朝阳区 of Beijing before Changchun's): the codes are sorted.
            _byName.TryAdd(entry.Name, entry);
            _byCode.TryAdd(entry.Code, entry);
            if (ShortFormOf(entry.Name) is { } shortForm) _byShortName.TryAdd(shortForm, entry);
        }
        // 萧砀 (萧县, 砀山县), 灵泗 (灵璧县, 泗县): the first characters of a prefecture's county-level units.
        foreach (var entry in _byName.Values.Where(e => e.Level == "county"))
        {
            if (!_countyInitials.TryGetValue(entry.Code[..4], out var initials)) _countyInitials[entry.Code[..4]] = initials = [];
            initials.Add(entry.Name[0]);
        }
        Count = _byName.Count;
        _byNameSpans = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _byShortNameSpans = _byShortName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly Dictionary<string, GazetteerEntry>.AlternateLookup<ReadOnlySpan<char>> _byNameSpans;
    private readonly Dictionary<string, GazetteerEntry>.AlternateLookup<ReadOnlySpan<char>> _byShortNameSpans;

    private readonly List<string> _suffixes;
    private readonly IReadOnlyCollection<string> _notShortForms;

    /// <summary>A division's name without its class suffix (宿州市 → 宿州, 邗江区 → 邗江), or null when it has none or the rest is a
    /// common word (新城区 → 新城 would make every 新城 a division).</summary>
    internal string? ShortFormOf(string name)
    {
        var suffix = _suffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal) && name.Length - s.Length >= 2);
        return suffix is null || _notShortForms.Contains(name[..^suffix.Length]) ? null : name[..^suffix.Length];
    }

    private readonly Dictionary<string, HashSet<char>> _countyInitials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GazetteerEntry> _byCode = new(StringComparer.Ordinal);

    /// <summary>
    /// The prefectures (by name) of which two characters are the first characters of two county-level units (萧砀: 萧县 and
    /// 砀山县 of 宿州市), the way documents name a pair of neighbouring counties together.
    /// </summary>
    internal IEnumerable<string> JointShortFormPrefectures(string pair)
    {
        if (pair.Length != 2 || pair[0] == pair[1]) yield break;
        foreach (var (prefix, initials) in _countyInitials)
            if (initials.Contains(pair[0]) && initials.Contains(pair[1]) && _byCode.TryGetValue(prefix + "00", out var prefecture))
                yield return prefecture.Name;
    }

    /// <summary>How many distinct names the gazetteer holds.</summary>
    public int Count { get; }

    /// <summary>The division named <paramref name="name"/>, in full (邗江区) or short (邗江), or null.</summary>
    public GazetteerEntry? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name) ?? _byShortName.GetValueOrDefault(name);
    }

    /// <summary>The longest division name (full or short) that <paramref name="s"/> starts with, or null.</summary>
    internal string? PrefixOf(string s)
    {
        // Looked up as spans: the rules and the learned reader ask this of every name they weigh, and a substring for each
        // length tried was a large share of the parse's allocation.
        for (var len = Math.Min(s.Length, 12); len >= 2; len--)
            if (Holds(s.AsSpan(0, len))) return s[..len];
        return null;
    }

    /// <summary>The longest division name (full or short) that <paramref name="s"/> ends with, or null.</summary>
    internal string? SuffixOf(string s)
    {
        for (var len = Math.Min(s.Length, 12); len >= 2; len--)
            if (Holds(s.AsSpan(s.Length - len, len))) return s[^len..];
        return null;
    }

    /// <summary>Whether <paramref name="name"/> is a division's name, in full or short (as <see cref="Find"/>, without a string).</summary>
    private bool Holds(ReadOnlySpan<char> name) =>
        _byNameSpans.ContainsKey(name) || _byShortNameSpans.ContainsKey(name);
}

/// <summary>One administrative division: GB/T 2260 code, name as listed, level (province, prefecture, county).</summary>
public sealed record GazetteerEntry(string Code, string Name, string Level);

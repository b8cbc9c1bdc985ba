
namespace Fip.Web.Demo;

/// <summary>The spec checked and prepared: districts and tracks with their weights, names and roads.</summary>
public static partial class DemoDataGenerator
{
    private sealed class Context
    {
        public required DistrictInfo[] Districts { get; init; }
        public required double[] DistrictCumulative { get; init; }
        public required TrackInfo[] Tracks { get; init; }
        public required double[] TrackCumulative { get; init; }
        public required Dictionary<string, TrackInfo> TracksByCode { get; init; }
        public int FirstYear { get; init; }
        public int LastYear { get; init; }
        public DateOnly ActivityUntil { get; init; }

        public static Context Create(DemoDataSpec spec)
        {
            ArgumentNullException.ThrowIfNull(spec);
            if (spec.Enterprises < 0) throw new ArgumentException("The number of enterprises cannot be negative.", nameof(spec));
            if (spec.Districts is null || spec.Districts.Count == 0)
                throw new ArgumentException("At least one district is needed.", nameof(spec));
            if (spec.Tracks is null || spec.Tracks.Count == 0) throw new ArgumentException("At least one track is needed.", nameof(spec));
            if (spec.LastYear is < 1996 or > 2100 || spec.FirstYear < 1990 || spec.FirstYear > spec.LastYear)
                throw new ArgumentException("Years must satisfy 1990 ≤ FirstYear ≤ LastYear, with 1996 ≤ LastYear ≤ 2100.", nameof(spec));

            var districts = spec.Districts
                .Select(d => DistrictInfo.Create(d ?? throw new ArgumentException("A district is null.", nameof(spec))))
                .ToArray();
            var byCode = new Dictionary<string, TrackInfo>(StringComparer.Ordinal);
            var tracks = new TrackInfo[spec.Tracks.Count];
            for (var i = 0; i < tracks.Length; i++)
            {
                var track = spec.Tracks[i] ?? throw new ArgumentException("A track is null.", nameof(spec));
                if (string.IsNullOrWhiteSpace(track.Code) || string.IsNullOrWhiteSpace(track.Name))
                    throw new ArgumentException("A track needs a code and a name.", nameof(spec));
                tracks[i] = TrackInfo.Create(track);
                if (!byCode.TryAdd(track.Code, tracks[i]))
                    throw new ArgumentException($"Track code {track.Code} appears twice.", nameof(spec));
            }
            return new Context
            {
                Districts = districts,
                DistrictCumulative = Cumulative(districts.Select(d => d.Weight)),
                Tracks = tracks,
                TrackCumulative = Cumulative(tracks.Select(t => t.Family.Weight)),
                TracksByCode = byCode,
                FirstYear = spec.FirstYear,
                LastYear = spec.LastYear,
                ActivityUntil = spec.ActivityUntil is { } until
                    && until >= new DateOnly(spec.FirstYear, 1, 1) ? until : new DateOnly(spec.LastYear, 12, 31),
            };
        }

        public DistrictInfo PickDistrict(Random random) => Districts[PickIndex(random, DistrictCumulative)];

        public TrackInfo PickTrack(Random random) => Tracks[PickIndex(random, TrackCumulative)];

        public TrackInfo Track(string code) => TracksByCode[code];

        private static double[] Cumulative(IEnumerable<double> weights)
        {
            var result = weights.ToArray();
            for (var i = 1; i < result.Length; i++) result[i] += result[i - 1];
            return result;
        }

        private static int PickIndex(Random random, double[] cumulative)
        {
            var roll = random.NextDouble() * cumulative[^1];
            for (var i = 0; i < cumulative.Length - 1; i++)
            {
                if (roll < cumulative[i]) return i;
            }
            return cumulative.Length - 1;
        }
    }

    private sealed class DistrictInfo
    {
        public required string Name { get; init; }
        /// <summary>Division code used in credit codes: the district's own, or the city's for a functional zone.</summary>
        public required string CreditDivision { get; init; }
        public double Weight { get; init; }
        /// <summary>Two-character prefix for company names (邗江, 仪征…), or null.</summary>
        public string? NamePrefix { get; init; }
        /// <summary>Name without a leading 扬州: written after 扬州市 in addresses and after 扬州 in park names.</summary>
        public required string PlaceName { get; init; }
        public required string GovernmentName { get; init; }
        public required string[] Roads { get; init; }

        public static DistrictInfo Create(DemoDistrict district)
        {
            if (string.IsNullOrWhiteSpace(district.Name)) throw new ArgumentException("A district needs a name.", nameof(district));
            var name = district.Name;
            var division = district.DivisionCode ?? CityDivisionCode;
            var divisionValue = ParseDivision(division);

            // Urban districts (市辖区, codes xxxx01–xxxx20) weigh most, functional zones next, counties and county-level cities least.
            var tail = divisionValue % 100;
            var weight = district.DivisionCode is null ? 2.0 : tail == 0 ? 1.0 : tail <= 20 ? 3.0 : tail <= 80 ? 1.0 : 1.3;

            var startsWithCity = name.StartsWith("扬州", StringComparison.Ordinal);
            string? prefix = name.Length == 3 && !startsWithCity && "区县市".Contains(name[2], StringComparison.Ordinal) ? name[..2] : null;
            var place = startsWithCity && name.Length > 2 ? name[2..] : name;
            var government = district.DivisionCode is null
                ? (
                    name.EndsWith("区", StringComparison.Ordinal)
                        || name.EndsWith("城", StringComparison.Ordinal) ? name + "管理委员会" : name + "管委会")
                : name + "人民政府";
            return new DistrictInfo
            {
                Name = name,
                CreditDivision = division,
                Weight = weight,
                NamePrefix = prefix,
                PlaceName = place,
                GovernmentName = government,
                Roads = RoadsFor(name),
            };
        }

        private static readonly (string Key, string[] Roads)[] KnownRoads =
        [
            ("广陵", ["文昌中路", "文昌东路", "运河南路", "运河东路", "沙湾南路", "渡江南路", "泰州路", "解放南路"]),
            ("邗江", ["文昌西路", "扬子江北路", "邗江中路", "华扬西路", "维扬路", "江阳西路", "润扬北路", "博物馆路", "百祥路", "新甘泉路"]),
            ("江都", ["龙川北路", "龙川南路", "舜天路", "仙城路", "长江路", "江都北路"]),
            ("宝应", ["安宜东路", "白田路", "叶挺路", "宝应大道"]),
            ("仪征", ["真州东路", "大庆北路", "工农南路", "扬子西路"]),
            ("高邮", ["海潮东路", "屏淮路", "蝶园路", "文游中路", "通湖路"]),
            ("经开", ["吴州西路", "开发西路", "扬子江南路", "金山路", "施桥路", "临江路"]),
            ("经济技术开发", ["吴州西路", "开发西路", "扬子江南路", "金山路", "施桥路", "临江路"]),
            ("生态科技新城", ["新城河路", "万福路", "夹江路", "杭集大道"]),
            ("瘦西湖", ["大虹桥路", "长春路", "平山堂东路", "友谊路"]),
        ];

        private static readonly string[] GenericRoads = ["科技路", "创业路", "经发路", "兴业路", "新兴路", "工业园路", "高新路", "创新大道"];

        private static string[] RoadsFor(string name)
        {
            foreach (var (key, roads) in KnownRoads)
            {
                if (name.Contains(key, StringComparison.Ordinal)) return roads;
            }
            return GenericRoads;
        }
    }

    private sealed class TrackInfo
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public required string[] Keywords { get; init; }
        public required FamilyInfo Family { get; init; }

        public static TrackInfo Create(DemoTrack track)
        {
            var family = FamilyInfo.For(track);
            var keywords = track.Keywords?.Where(k => !string.IsNullOrWhiteSpace(k)).ToArray() ?? [];
            return new TrackInfo
            {
                Code = track.Code,
                Name = track.Name,
                Keywords = keywords.Length > 0 ? keywords : family.DefaultKeywords,
                Family = family
            };
        }
    }
}

using System.Globalization;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Infrastructure;

namespace Fip.Web.Features.Registries;

/// <summary>How a field's value is typed, parsed from a cell and shown.</summary>
public enum FieldKind
{
    Text,
    LongText,
    Int,
    Decimal,
    Date,
    Bool,
    Enum,
    District,
    Track,
    TrackList,
    Enterprise,
    CreditCode,
    Qualifications,
    /// <summary>公民身份号码 (GB 11643, check character verified).</summary>
    IdNumber,
    /// <summary>A mainland mobile or landline number.</summary>
    Phone,
    Email,
    /// <summary>A project's yearly planned and completed investment: "2024:20000/18000、2025:30000/" (万元).</summary>
    Investments,
}

/// <summary>One year of a project's investment as a field value, 万元 (either amount may be unknown).</summary>
public readonly record struct YearInvestment(int Year, decimal? Planned, decimal? Completed);

/// <summary>
/// One field of a registry: its key (API and form name), its label (the resource key whose Chinese text is also the
/// spreadsheet header), its kind, and how to read and write it on the entity.
/// </summary>
public sealed record RegistryField<T>(string Key, FieldKind Kind, Func<T, object?> Get, Action<T, object?> Set)
{
    public bool Required { get; init; }
    public int? MaxLength { get; init; }
    public Type? EnumType { get; init; }
    /// <summary>Personal data (contact person, phone): masked for roles that do not need it.</summary>
    public bool Personal { get; init; }
    /// <summary>Shown as a column of the list.</summary>
    public bool InList { get; init; }
    /// <summary>An example value for the import template.</summary>
    public string? Example { get; init; }
    public string Label(string registry) => $"Field.{registry}.{Key}";
}

/// <summary>What a cell's text refers to: districts, tracks and enterprises by their names and codes.</summary>
public sealed class FieldLookups
{
    public required IReadOnlyList<District> Districts { get; init; }
    public required IReadOnlyList<Track> Tracks { get; init; }
    /// <summary>Finds an enterprise id by 统一社会信用代码 or exact name (null when unknown).</summary>
    public required Func<string, int?> FindEnterprise { get; init; }

    public District? District(string text) =>
        Districts.FirstOrDefault(d => d.Code == text || d.AllNames().Contains(text, StringComparer.Ordinal));

    public Track? Track(string text) =>
        Tracks.FirstOrDefault(
            t => t.Name == text
                || t.Code == text
                || t.NameEn == text
                || (t.Name.Length > 2 && text.StartsWith(t.Name, StringComparison.Ordinal)));
}

/// <summary>Parses cell or form text into typed values, and formats typed values back, the same way for import, export, forms and the
/// API.</summary>
public static class FieldText
{
    public static readonly char[] ListSeparators = ['、', ';', '；', ',', '，', '|'];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd",
        "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    /// <summary>
    /// A date written as <c>yyyy-MM-dd</c> (the first of <see cref="DateFormats"/>, and how the registries' own files write
    /// dates), read without the general parser, which tries its formats in turn (a million dates an import); null for any other
    /// text, which the general parser then reads.
    /// </summary>
    internal static DateOnly? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return null;
        static int Digits(string s, int from, int count)
        {
            var value = 0;
            for (var i = from; i < from + count; i++)
            {
                if (!char.IsAsciiDigit(s[i])) return -1;
                value = value * 10 + (s[i] - '0');
            }
            return value;
        }
        int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    /// <summary>A parse failure: the resource key of the reason and its arguments.</summary>
    public sealed record Problem(string Reason, params object[] Args);

    public static object? Parse<T>(RegistryField<T> field, string? text, FieldLookups lookups, Func<Type, string, object?> enumLookup,
        out Problem? problem)
    {
        problem = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (field.Required) problem = new Problem("Import.Required");
            return field.Kind switch
            {
                FieldKind.TrackList => Array.Empty<int>(),
                FieldKind.Qualifications => Array.Empty<(QualificationKind, int?)>(),
                FieldKind.Investments => Array.Empty<YearInvestment>(),
                FieldKind.Bool => false,
                _ => null,
            };
        }
        if (field.MaxLength is { } max && text.Length > max) { problem = new Problem("Import.TooLong", max); return null; }
        switch (field.Kind)
        {
            case FieldKind.Text:
            case FieldKind.LongText:
                return text;
            case FieldKind.Int:
                if (int.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture,
                    out var i) && i >= 0) return i;
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var di)
                    && di == Math.Floor(di)
                    && di >= 0
                    && di <= int.MaxValue) return (int)di;
                problem = new Problem("Import.NotWholeNumber");
                return null;
            case FieldKind.Decimal:
                if (decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture,
                    out var d) && d >= 0 && d < 1_000_000_000_000m)
                    return Math.Round(d, 4);
                problem = new Problem("Import.NotNumber");
                return null;
            case FieldKind.Date:
                if (IsoDate(text) is { } iso) return iso;
                if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
                if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
                    return DateOnly.FromDateTime(dt);
                // Excel serial day numbers, when a date cell arrives as a number.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 80000)
                    return DateOnly.FromDateTime(DateTime.FromOADate(serial));
                problem = new Problem("Import.NotDate");
                return null;
            case FieldKind.Bool:
                if (text is "是" or "Y" or "y" or "yes" or "Yes" or "true" or "True" or "TRUE" or "1" or "√") return true;
                if (text is "否" or "N" or "n" or "no" or "No" or "false" or "False" or "FALSE" or "0") return false;
                problem = new Problem("Import.NotYesNo");
                return null;
            case FieldKind.Enum:
                var value = enumLookup(field.EnumType!, text);
                if (value is null) problem = new Problem("Import.UnknownChoice", text);
                return value;
            case FieldKind.District:
                var district = lookups.District(text);
                if (district is null) problem = new Problem("Import.UnknownDistrict", text);
                return district?.Id;
            case FieldKind.Track:
                var track = lookups.Track(text);
                if (track is null) problem = new Problem("Import.UnknownTrack", text);
                return track?.Id;
            case FieldKind.TrackList:
                var ids = new List<int>();
                foreach (var part in text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var t = lookups.Track(part);
                    if (t is null) { problem = new Problem("Import.UnknownTrack", part); return null; }
                    if (!ids.Contains(t.Id)) ids.Add(t.Id);
                }
                return ids.ToArray();
            case FieldKind.Enterprise:
                var enterprise = lookups.FindEnterprise(text);
                if (enterprise is null) problem = new Problem("Import.UnknownEnterprise", text);
                return enterprise;
            case FieldKind.CreditCode:
                var code = CreditCode.Normalize(text);
                switch (CreditCode.Validate(code))
                {
                    case CreditCode.Result.Valid: return code;
                    case CreditCode.Result.CheckCharacterMismatch: problem = new Problem("Uscc.CheckMismatch", code); return code;
                    default: problem = new Problem("Uscc.Malformed"); return null;
                }
            case FieldKind.Qualifications:
                return ParseQualifications(text, enumLookup, out problem);
            case FieldKind.Investments:
                return ParseInvestments(text, out problem);
            case FieldKind.IdNumber:
                var idNumber = IdNumber.Normalize(text);
                problem = IdNumber.Validate(idNumber) switch
                {
                    IdNumber.Result.Valid => null,
                    IdNumber.Result.CheckCharacterMismatch => new Problem("IdNumber.CheckMismatch"),
                    IdNumber.Result.BadBirthDate => new Problem("IdNumber.BadBirthDate"),
                    _ => new Problem("IdNumber.Malformed"),
                };
                return problem is null ? idNumber : null;
            case FieldKind.Phone:
                var phone = PhoneNumber.Normalize(text);
                if (PhoneNumber.IsValid(phone)) return phone;
                problem = new Problem("Import.NotPhone");
                return null;
            case FieldKind.Email:
                if (EmailAddress.IsValid(text)) return text;
                problem = new Problem("Import.NotEmail");
                return null;
            default:
                throw new InvalidOperationException($"Unknown field kind {field.Kind}");
        }
    }

    /// <summary>"高新技术企业(2022)、专精特新中小企业（2023）" → kinds with years.</summary>
    private static (QualificationKind Kind, int? Year)[]? ParseQualifications(string text, Func<Type, string, object?> enumLookup,
        out Problem? problem)
    {
        problem = null;
        var list = new List<(QualificationKind, int?)>();
        foreach (var raw in text.Split(['、', ';', '；', ',', '，', '|'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var part = raw.Replace('（', '(').Replace('）', ')');
            int? year = null;
            var open = part.LastIndexOf('(');
            if (open > 0 && part.EndsWith(')'))
            {
                if (!int.TryParse(part[(open + 1)..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
                    || y < 1980
                    || y > 2100)
                {
                    problem = new Problem("Import.BadQualificationYear", raw);
                    return null;
                }
                year = y;
                part = part[..open].Trim();
            }
            if (enumLookup(typeof(QualificationKind), part) is not QualificationKind kind)
            {
                problem = new Problem("Import.UnknownQualification", part);
                return null;
            }
            if (list.All(q => q.Item1 != kind)) list.Add((kind, year));
        }
        return [.. list];
    }

    /// <summary>
    /// "2024:20000/18000、2025:30000/" → years with planned and completed 万元 (an empty side is unknown). Refused: a year outside
    /// 2000–2100, a negative or non-numeric amount, the same year twice. Completed above planned is accepted (plans are exceeded).
    /// </summary>
    private static YearInvestment[]? ParseInvestments(string text, out Problem? problem)
    {
        problem = null;
        var list = new List<YearInvestment>();
        foreach (var raw in text.Split(['、', ';', '；', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var part = raw.Replace('：', ':').Replace('／', '/');
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (colon <= 0 || slash < colon) { problem = new Problem("Import.BadInvestment", raw); return null; }
            if (!int.TryParse(part[..colon].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || year is < 2000 or > 2100)
            {
                problem = new Problem("Import.BadInvestmentYear", raw);
                return null;
            }
            decimal? Amount(string s, out bool ok)
            {
                s = s.Trim().Replace(",", "", StringComparison.Ordinal);
                ok = true;
                if (s.Length == 0) return null;
                ok = decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                    out var d) && d >= 0 && d < 1_000_000_000_000m;
                return ok ? Math.Round(d, 2) : null;
            }
            var planned = Amount(part[(colon + 1)..slash], out var plannedOk);
            var completed = Amount(part[(slash + 1)..], out var completedOk);
            if (!plannedOk || !completedOk) { problem = new Problem("Import.BadInvestmentAmount", raw); return null; }
            if (list.Any(x => x.Year == year)) { problem = new Problem("Import.DuplicateInvestmentYear", year); return null; }
            list.Add(new YearInvestment(year, planned, completed));
        }
        return [.. list.OrderBy(x => x.Year)];
    }

    /// <summary>The text of a value as it goes into a spreadsheet or a form.</summary>
    public static string Format<T>(RegistryField<T> field, object? value, FieldLookups lookups, Func<Type, object, string> enumLabel,
        Func<int, string?> enterpriseName) => value switch
        {
            null => "",
            string s => s,
            int i when field.Kind == FieldKind.District => lookups.Districts.FirstOrDefault(d => d.Id == i)?.ShortName ?? "",
            int i when field.Kind == FieldKind.Track => lookups.Tracks.FirstOrDefault(t => t.Id == i)?.Name ?? "",
            int i when field.Kind == FieldKind.Enterprise => enterpriseName(i) ?? "",
            int[] ids => string.Join("、", ids.Select(id => lookups.Tracks.FirstOrDefault(t => t.Id == id)?.Name).Where(n => n is not null)),
            (QualificationKind Kind, int? Year)[] qs =>
                string.Join("、",
                    qs.Select(
                        q => q.Year is { } y
                            ? $"{enumLabel(typeof(QualificationKind), q.Kind)}({y.ToString(CultureInfo.InvariantCulture)})"
                            : enumLabel(typeof(QualificationKind), q.Kind))),
            YearInvestment[] ys => string.Join("、", ys.Select(y => string.Create(CultureInfo.InvariantCulture,
                $"{y.Year}:{y.Planned:0.##}/{y.Completed:0.##}"))),
            bool b => Display.IsEnglish ? (b ? "Yes" : "No") : (b ? "是" : "否"),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
            int n => n.ToString(CultureInfo.InvariantCulture),
            Enum e => enumLabel(e.GetType(), e),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };

    /// <summary>
    /// Masks personal data by kind: a date entirely (****-**-**), an e-mail but for its first letter and domain (z***@example.com),
    /// anything else as <see cref="Mask(string?)"/>.
    /// </summary>
    public static string Mask(string? value, FieldKind kind)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (kind == FieldKind.Date) return "****-**-**";
        if (kind == FieldKind.Email && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at)
            return value[..1] + "***" + value[at..];
        if (kind == FieldKind.IdNumber && value.Length == 18) return value[..3] + new string('*', 11) + value[^4..];
        return Mask(value);
    }

    /// <summary>Masks personal data: 张** for names, 138****5678 for phones.</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+') && value.Length >= 7)
            return value[..3] + new string('*', value.Length - 7) + value[^4..];
        return value[..1] + new string('*', Math.Max(1, value.Length - 1));
    }
}

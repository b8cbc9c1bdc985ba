using System.Globalization;
using Fip.Policy;
using Fip.Web.Data;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Plans.Import;

public sealed class TrackEdit
{
    public bool Remove { get; set; }
    public string Name { get; set; } = "";
    public string Tier { get; set; } = "";
    public string? Focus { get; set; }
}

public sealed class TargetEdit
{
    public bool Remove { get; set; }
    public string Indicator { get; set; } = "";
    public int? Year { get; set; }
    public Comparator? Comparator { get; set; }
    public decimal? Value { get; set; }
    public string Unit { get; set; } = "";
}

public sealed class ProgrammeEdit
{
    public bool Remove { get; set; }
    public string Title { get; set; } = "";
    public string? Lead { get; set; }
    public string? Co { get; set; }
}

/// <summary>
/// 导入政策文件: an admin uploads a policy document, corrects the draft plan the parser reads from it beside the text,
/// reviews what changes against the current plan, and accepts it as a new plan or as a revision of the current one.
/// The draft travels in the form (no server state between steps); it is checked again when accepted.
/// </summary>
[RequestSizeLimit(MaxBytes + 65_536)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 65_536, ValueLengthLimit = 8 * MaxBytes)]
public sealed class IndexModel(FipDbContext db, PlanWriter writer, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int MaxBytes = 5 * 1024 * 1024;

    [BindProperty] public string? DraftJson { get; set; }
    [BindProperty] public List<TrackEdit> Tracks { get; set; } = [];
    [BindProperty] public List<TargetEdit> Targets { get; set; } = [];
    [BindProperty] public List<ProgrammeEdit> Programmes { get; set; } = [];
    /// <summary>Which page of the records a revision unlinks is shown (the pager's buttons post the form with it).</summary>
    [BindProperty] public int RecordsPage { get; set; } = 1;

    public PlanDraft? Draft { get; private set; }
    public IReadOnlyList<DocumentParagraph> Paragraphs { get; private set; } = [];
    public IReadOnlyList<PlanChange>? Changes { get; private set; }
    public AffectedPage Affected { get; private set; } = AffectedPage.None;
    public int? CurrentPlanId { get; private set; }
    public string? CurrentPlanName { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) { Errors.Add(L["PlanImport.NoFile"]); return Page(); }
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (!PolicyFileReader.SupportedExtensions.Contains(extension))
        {
            Errors.Add(
                L["PlanImport.WrongType", extension.Length == 0 ? file.FileName : extension,
                    string.Join(", ", PolicyFileReader.SupportedExtensions)]);
            return Page();
        }
        if (file.Length > MaxBytes) { Errors.Add(L["PlanImport.TooLarge", MaxBytes / 1024 / 1024]); return Page(); }
        string text;
        try
        {
            await using var stream = file.OpenReadStream();
            text = PolicyFileReader.Read(stream, FileNames.Safe(file.FileName)).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (PolicyFileException e)
        {
            // The library's message says what is wrong with the file; the lead sentence is ours.
            Errors.Add(e.TooLargeDecompressed
                ? L["PlanImport.ZipBomb", PolicyFileReader.MaxUncompressedBytes / 1024 / 1024].Value
                : L["PlanImport.Unreadable", e.Message].Value);
            return Page();
        }
        var parsed = PolicyParser.ParseText(text);
        var draft = await BuildDraftAsync(parsed, FileNames.Safe(file.FileName), ct);
        return await ShowAsync(draft, review: false, ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        if (LoadEdited() is not { } draft) return Page();
        return await ShowAsync(draft, review: Errors.Count == 0, ct);
    }

    public async Task<IActionResult> OnPostAcceptAsync(string mode, CancellationToken ct)
    {
        if (LoadEdited() is not { } draft) return Page();
        if (Errors.Count > 0) return await ShowAsync(draft, review: false, ct);
        var current = await db.Plans.Where(p => p.IsCurrent).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        try
        {
            if (mode == "revision" && current is { } id)
            {
                await writer.ReviseAsync(id, draft, ct);
                return Redirect($"/Plans/{id.ToString(CultureInfo.InvariantCulture)}");
            }
            var plan = await writer.CreateAsync(draft, ct, makeCurrent: true);
            return Redirect($"/Plans/{plan.Id.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (PlanSeedException e)
        {
            Errors.Add(L["PlanImport.Invalid", e.Message]);
            return await ShowAsync(draft, review: false, ct);
        }
    }

    /// <summary>The parser's reading with the reviewed overlay's names and codes, and the current plan's codes for tracks it already
    /// has.</summary>
    private async Task<PlanDraft> BuildDraftAsync(PolicyDraft parsed, string fileName, CancellationToken ct)
    {
        var overlay = PlanSeeder.ReadOverlay();
        // What is keyed by parser output carries over to another document; a quote-located addition only where its words stand once.
        var text = parsed.Text;
        overlay = overlay with
        {
            AddedTargets = [.. (overlay.AddedTargets ?? []).Where(t => StandsOnce(text, t.Anchor ?? t.Quote))],
            Document = overlay.Document with { Issuer = null, Number = null, Year = null },
        };
        var draft = PlanDraftBuilder.Build(parsed, overlay, fileName);
        draft.Key = "import-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        if (await db.Plans
            .AsNoTracking()
            .Include(p => p.Tracks)
            .Include(p => p.Tiers)
            .FirstOrDefaultAsync(p => p.IsCurrent, ct) is { } current)
        {
            draft.CityName = current.CityName;
            draft.CityDivisionCode = current.CityDivisionCode;
            foreach (var tier in draft.Tiers)
                if (current.Tiers.FirstOrDefault(t => t.Name == tier.Name) is { } same && same.Code != tier.Code)
                {
                    foreach (var t in draft.Tracks.Where(t => t.Tier == tier.Code)) t.Tier = same.Code;
                    tier.Code = same.Code;
                }
            foreach (var track in draft.Tracks)
                if (current.Tracks.FirstOrDefault(t => t.Name == track.Name) is { } same)
                {
                    track.Code = same.Code; track.NameEn ??= same.NameEn;
                }
                else if (current.Tracks.Any(t => t.Code == track.Code)) track.Code = "new-" + track.Code;
        }
        return draft;
    }

    private static bool StandsOnce(string text, string words)
    {
        var at = text.IndexOf(words, StringComparison.Ordinal);
        return at >= 0 && text.LastIndexOf(words, StringComparison.Ordinal) == at;
    }

    /// <summary>The draft from the form with the admin's corrections applied; null (and an error) when the form is damaged.</summary>
    private PlanDraft? LoadEdited()
    {
        PlanDraft draft;
        try { draft = PlanDraft.FromJson(DraftJson ?? ""); }
        catch (Exception e) when (e is System.Text.Json.JsonException or PlanSeedException)
        {
            Errors.Add(L["PlanImport.Damaged"]);
            return null;
        }
        for (var i = Math.Min(Tracks.Count, draft.Tracks.Count) - 1; i >= 0; i--)
        {
            var (edit, track) = (Tracks[i], draft.Tracks[i]);
            if (edit.Remove) { draft.Tracks.RemoveAt(i); continue; }
            if (!string.IsNullOrWhiteSpace(edit.Name)) track.Name = edit.Name.Trim();
            if (PolicyVocabulary.Default.ReadsAsSentence(track.Name)) Errors.Add(L["PlanImport.Fragment", track.Name]);
            if (ChosenTier(draft, edit.Tier, track) is { } tier) (track.Tier, track.TierAsked) = (tier, false);
            else if (track.TierAsked) Errors.Add(L["PlanImport.TierAsk", track.Name]);
            track.FocusDistricts = Names(edit.Focus);
            foreach (var name in track.FocusDistricts.Where(n => !KnownDistrict(draft, n)))
                Errors.Add(L["PlanImport.UnknownDistrict", name, track.Name]);
        }
        draft.Tiers.RemoveAll(t => draft.Tracks.All(x => x.Tier != t.Code));
        for (var i = Math.Min(Targets.Count, draft.Targets.Count) - 1; i >= 0; i--)
        {
            var (edit, target) = (Targets[i], draft.Targets[i]);
            if (edit.Remove) { draft.Targets.RemoveAt(i); continue; }
            if (!string.IsNullOrWhiteSpace(edit.Indicator)) target.Indicator = edit.Indicator.Trim();
            target.Year = edit.Year;
            target.Comparator = edit.Comparator;
            target.Value = edit.Value;
            target.Unit = edit.Unit?.Trim() ?? "";
        }
        for (var i = Math.Min(Programmes.Count, draft.Programmes.Count) - 1; i >= 0; i--)
        {
            var (edit, programme) = (Programmes[i], draft.Programmes[i]);
            if (edit.Remove) { draft.Programmes.RemoveAt(i); continue; }
            if (!string.IsNullOrWhiteSpace(edit.Title)) programme.Title = edit.Title.Trim();
            programme.Lead = Names(edit.Lead);
            programme.Co = [.. Names(edit.Co).Where(n => !programme.Lead.Contains(n))];
        }
        // Units typed by the admin that no data names yet are added as written, like those the parser finds.
        foreach (var name in draft.Programmes.SelectMany(p => p.Lead.Concat(p.Co)).Distinct(StringComparer.Ordinal))
            if (!draft.Departments.Any(d => PlanDraftBuilder.DepartmentNames(d).Contains(name, StringComparer.Ordinal))
                && !db.Departments.Any(d => d.Name == name))
                draft.Departments.Add(new PlanSeedDepartment(name, null, [], Organisation.DepartmentKind.CityDepartment));
        foreach (var problem in draft.Validate()) Errors.Add(L["PlanImport.Invalid", problem]);
        return draft;
    }

    /// <summary>The tiers a track may be put in: the draft's, then the tier data's that the document does not use.</summary>
    public static IReadOnlyList<DraftTier> TierChoices(PlanDraft draft) =>
    [
        .. draft.Tiers,
        .. PolicyVocabulary.Default.Tiers
            .Where(v => !draft.Tiers.Any(t => t.Code == v.Code || t.Name == v.Name))
            .Select(v => new DraftTier { Code = v.Code, Name = v.Name }),
    ];

    /// <summary>The tier code the admin chose for <paramref name="track"/>, a tier of the tier data added to the draft when it was not
    /// in it; null when nothing valid was chosen.</summary>
    private static string? ChosenTier(PlanDraft draft, string? code, DraftTrack track)
    {
        if (string.IsNullOrEmpty(code)) return null;
        if (draft.Tiers.Any(t => t.Code == code)) return code;
        if (TierChoices(draft).FirstOrDefault(t => t.Code == code) is not { } tier) return null;
        tier.Source = track.Source; // a tier the document does not name: its source is the first track put in it
        draft.Tiers.Add(tier);
        return code;
    }

    private bool KnownDistrict(PlanDraft draft, string name) =>
        draft.Districts.Any(d => PlanDraftBuilder.DistrictNames(d).Contains(name, StringComparer.Ordinal))
        || db.Districts.AsNoTracking().AsEnumerable().Any(d => d.AllNames().Contains(name, StringComparer.Ordinal));

    private static List<string> Names(string? list) =>
        [.. (list ?? "").Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)];

    private async Task<IActionResult> ShowAsync(PlanDraft draft, bool review, CancellationToken ct)
    {
        Draft = draft;
        DraftJson = draft.ToJson();
        ModelState.Clear();
        Tracks = [.. draft.Tracks.Select(t => new TrackEdit { Name = t.Name, Tier = t.Tier, Focus = string.Join('、', t.FocusDistricts) })];
        Targets =
            [.. draft.Targets.Select(
                t => new TargetEdit { Indicator = t.Indicator, Year = t.Year, Comparator = t.Comparator, Value = t.Value, Unit = t.Unit })];
        Programmes =
            [.. draft.Programmes.Select(
                p => new ProgrammeEdit { Title = p.Title, Lead = string.Join('、', p.Lead), Co = string.Join('、', p.Co) })];
        Paragraphs = DocumentLayout.Layout(draft.Text, MarksOf(draft));
        var current = await db.Plans.AsNoTracking().Where(p => p.IsCurrent).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        CurrentPlanId = current?.Id;
        CurrentPlanName = current?.Name;
        if (review && current is not null)
            (Changes, Affected) = await writer.CompareAsync(current.Id, draft, RecordsPage, ct);
        else if (review) Changes = [];
        return Page();
    }

    /// <summary>Every draft item's source as a highlighted passage; the item id is its row in the draft.</summary>
    public static IReadOnlyList<DocumentMark> MarksOf(PlanDraft d)
    {
        var marks = new List<DocumentMark>();
        void Add(string kind, int i, DraftSpan? s, string label)
        {
            if (s is { Length: > 0 } && s.FitsIn(d.Text)) marks.Add(new(kind, i, s.Start, s.Length, Anchor(kind, i), label));
        }
        foreach (var (t, i) in d.Tiers.Select((t, i) => (t, i))) Add("tier", i, t.Source, t.Name);
        foreach (var (t, i) in d.Tracks.Select((t, i) => (t, i)))
        {
            Add("track", i, t.Source, t.Name);
            if (t.Summary is not null) marks.Add(new("track", i, t.Summary.Start, t.Summary.Length, Anchor("track-summary", i), t.Name));
            Add("focus", i, t.FocusSource, t.Name);
        }
        foreach (var (t, i) in d.Targets.Select((t, i) => (t, i))) Add("target", i, t.Source, t.Indicator);
        foreach (var (p, i) in d.Programmes.Select((p, i) => (p, i)))
        {
            Add("programme", i, p.Source, p.Title);
            Add("units", i, p.UnitsSource, p.Title);
        }
        return [.. marks.OrderBy(m => m.Start).ThenByDescending(m => m.Length)];
    }

    public static string Anchor(string kind, int i) => string.Create(CultureInfo.InvariantCulture, $"d-{kind}-{i}");

    /// <summary>Where a highlighted passage links to: the row of the draft item it became.</summary>
    public static string RowAnchor(DocumentMark m) => m.Kind switch
    {
        "tier" => "#draft-tracks",
        "track" or "focus" => string.Create(CultureInfo.InvariantCulture, $"#row-track-{m.ItemId}"),
        "target" => string.Create(CultureInfo.InvariantCulture, $"#row-target-{m.ItemId}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"#row-programme-{m.ItemId}"),
    };
}

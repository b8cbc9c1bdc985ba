using Fip.Web.Features.Accounts;

namespace Fip.Web.Features.Scenarios;

/// <summary>What a poster sends (a new post or a draft's edit).</summary>
public sealed record PostInput(string? Kind, string? Title, string? Organisation, string? Summary, int? TrackId, int? ChainLinkId,
    int? DistrictId, decimal? Budget, string? Timeline, string? Requirements, string? References, string? ContactName,
    string? ContactPhone);

/// <summary>A move between states: its name, from where to where, and whether only the task force (admins) may make it.</summary>
public sealed record PostTransition(string Action, PostState From, PostState To, bool AdminOnly);

/// <summary>The marketplace's rules, apart from the database so they can be read (and tested) as tables.</summary>
public static class ScenarioRules
{
    public const int TitleMax = 200, TextMax = 4000;

    /// <summary>
    /// Who moves which: the owner submits a draft for review (提交审核) and may withdraw it; the task force publishes (发布) or
    /// returns it (退回); the owner or the task force closes a published post (关闭). Nothing leaves 已关闭.
    /// </summary>
    public static readonly IReadOnlyList<PostTransition> Transitions =
    [
        new("submit", PostState.Draft, PostState.Review, AdminOnly: false),
        new("withdraw", PostState.Review, PostState.Draft, AdminOnly: false),
        new("publish", PostState.Review, PostState.Published, AdminOnly: true),
        new("return", PostState.Review, PostState.Draft, AdminOnly: true),
        new("close", PostState.Published, PostState.Closed, AdminOnly: false),
    ];

    /// <summary>The roles that post: needs by departments, districts and enterprises (state-owned or private); capabilities by
    /// enterprises and institutions (entered by the task force or a district for an institution).</summary>
    public static bool MayPost(string? role, PostKind kind) => kind switch
    {
        PostKind.Need => role is Roles.Admin or Roles.Department or Roles.District or Roles.Enterprise,
        _ => role is Roles.Admin or Roles.District or Roles.Enterprise,
    };

    /// <summary>The move named <paramref name="action"/> from <paramref name="state"/>, if there is one.</summary>
    public static PostTransition? Find(string? action, PostState state) =>
        Transitions.FirstOrDefault(t => string.Equals(t.Action, action, StringComparison.Ordinal) && t.From == state);

    /// <summary>Field errors (API field → resource key); empty when the input may be saved.</summary>
    public static Dictionary<string, string> Validate(PostInput input, PostKind kind)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Text(string field, string? value, bool required, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) { if (required) errors[field] = "Scenarios.Error.Required"; }
            else if (value.Trim().Length > max) errors[field] = "Scenarios.Error.TooLong";
        }
        Text("title", input.Title, true, TitleMax);
        Text("organisation", input.Organisation, true, 200);
        Text("summary", input.Summary, true, TextMax);
        Text("requirements", input.Requirements, kind == PostKind.Capability, TextMax);
        Text("references", input.References, false, TextMax);
        Text("timeline", input.Timeline, kind == PostKind.Need, 200);
        Text("contactName", input.ContactName, true, 50);
        if (string.IsNullOrWhiteSpace(input.ContactPhone)) errors["contactPhone"] = "Scenarios.Error.Required";
        else if (!Infrastructure.PhoneNumber.IsValid(Infrastructure.PhoneNumber.Normalize(input.ContactPhone)))
            errors["contactPhone"] = "Scenarios.Error.Phone";
        if (kind == PostKind.Need && input.DistrictId is null) errors["districtId"] = "Scenarios.Error.Required";
        if (input.Budget is < 0 or > 10_000_000) errors["budget"] = "Scenarios.Error.Budget";
        return errors;
    }

    public static PostKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "need" => PostKind.Need,
        "capability" => PostKind.Capability,
        _ => null,
    };

    /// <summary>The error key of an answer's note, or null: declining a match needs its reason (≤ 500 characters), accepting
    /// may say nothing.</summary>
    public static string? AnswerNoteError(bool accept, string? note) =>
        note?.Trim().Length > 500 ? "Scenarios.Error.TooLong"
        : !accept && string.IsNullOrWhiteSpace(note) ? "Scenarios.Error.DeclineReason" : null;
}

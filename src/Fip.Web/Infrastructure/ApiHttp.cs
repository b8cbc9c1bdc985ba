using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The one HTTP convention of /api/v1: an <see cref="Outcome"/> becomes 404, 403, 409 (stale version or a state that forbids
/// the change) or 422 (field errors in the caller's language), always as ProblemDetails; versions travel as ETag / If-Match.
/// </summary>
public static class ApiHttp
{
    /// <summary>The response of a failed outcome, or null when it succeeded.</summary>
    public static ProblemHttpResult? Problem(this Outcome outcome, IStringLocalizer l) => outcome.Kind switch
    {
        OutcomeKind.Ok => null,
        OutcomeKind.NotFound => Problem(StatusCodes.Status404NotFound, l["Problem.404"]),
        OutcomeKind.Forbidden => Problem(StatusCodes.Status403Forbidden, l["Problem.403"]),
        OutcomeKind.Conflict => Problem(StatusCodes.Status409Conflict, (outcome.Reason ?? UserMessage.Of(Outcome.StaleKey)).In(l)),
        _ => Invalid(outcome.Messages(l), l),
    };

    public static ProblemHttpResult? Problem<T>(this Outcome<T> outcome, IStringLocalizer l) => outcome.Status.Problem(l);

    /// <summary>The response of a failure known to be one (a handler's own check).</summary>
    public static ProblemHttpResult AsProblem(this Outcome failure, IStringLocalizer l) =>
        failure.Problem(l) ?? throw new InvalidOperationException("A successful outcome is not a problem.");

    /// <summary>404 as ProblemDetails: the thing does not exist or is not the caller's to see.</summary>
    public static ProblemHttpResult NotFound(IStringLocalizer l) => Outcome.NotFound.AsProblem(l);

    /// <summary>The success response built from the outcome's value, or the failure's ProblemDetails.</summary>
    public static Results<TOk, ProblemHttpResult> ToHttp<T, TOk>(this Outcome<T> outcome, IStringLocalizer l, Func<T, TOk> ok) where TOk
        : IResult =>
        outcome.Problem(l) is { } problem ? problem : ok(outcome.Value!);

    public static Results<TOk, ProblemHttpResult> ToHttp<TOk>(this Outcome outcome, IStringLocalizer l, Func<TOk> ok) where TOk : IResult =>
        outcome.Problem(l) is { } problem ? problem : ok();

    /// <summary>A ProblemDetails with the request's localized title (see <see cref="ErrorResponses"/>).</summary>
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    /// <summary>422 with the field errors, already in the caller's language.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, IStringLocalizer l) =>
        TypedResults.Problem(
            new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity, Title = l["Problem.400"] });

    /// <summary>Sets the ETag of the version a response describes.</summary>
    public static void SetETag(this HttpContext context, string version) => context.Response.Headers.ETag = IfMatch.Tag(version);

    /// <summary>Documents the 404 of a read that names one thing.</summary>
    public static RouteHandlerBuilder ProducesNotFound(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Documents the failures every command endpoint may answer with.</summary>
    public static RouteHandlerBuilder ProducesOutcomeProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}

/// <summary>
/// The version a write is based on: the If-Match header, strong (<c>"v"</c>) or weak (<c>W/"v"</c>) alike since versions are
/// opaque tokens; of a list the first tag. Without the header (or with <c>*</c>, which names no version) the body's version.
/// A malformed header names a version that matches nothing, so the write is refused as stale rather than made unchecked.
/// </summary>
public static class IfMatch
{
    public const string Header = "If-Match";

    /// <summary>The version to compare, or null when the request names none.</summary>
    public static string? Version(string? header, string? bodyVersion)
    {
        if (string.IsNullOrWhiteSpace(header)) return bodyVersion;
        if (Parse(header) is not { } tags) return "";
        return tags.Count == 0 ? bodyVersion : tags[0];
    }

    /// <summary>The versions an If-Match value names: empty for <c>*</c>, null when it is not a list of entity tags.</summary>
    public static IReadOnlyList<string>? Parse(string header)
    {
        var text = header.Trim();
        if (text == "*") return [];
        var tags = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            if (text.AsSpan(i).StartsWith("W/", StringComparison.Ordinal)) i += 2;
            if (i >= text.Length || text[i] != '"') return null;
            var end = text.IndexOf('"', i + 1);
            if (end < 0) return null;
            tags.Add(text[(i + 1)..end]);
            i = end + 1;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            if (i < text.Length && text[i] != ',') return null;
            i++;
        }
        return tags.Count == 0 ? null : tags;
    }

    /// <summary>The strong entity tag of a version.</summary>
    public static string Tag(string version) => $"\"{version}\"";
}

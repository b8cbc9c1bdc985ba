using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Fip.UnitTests.Infrastructure;

public class OutcomeTests
{
    /// <summary>A localizer that shows the key and its arguments, so the test sees what was localized.</summary>
    private sealed class KeyLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, "[" + name + "]");
        public LocalizedString this[string name, params object[] arguments] =>
            new(name, "[" + name + ":" + string.Join(",", arguments) + "]");
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static readonly KeyLocalizer L = new();

    [Fact]
    public void Problem_OfEachFailure_HasItsStatus()
    {
        Assert.Null(Outcome.Success.Problem(L));
        Assert.Equal(StatusCodes.Status404NotFound, Outcome.NotFound.Problem(L)!.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, Outcome.Forbidden.Problem(L)!.StatusCode);
        Assert.Equal(StatusCodes.Status409Conflict, Outcome.Stale.Problem(L)!.StatusCode);
        Assert.Equal(StatusCodes.Status409Conflict, Outcome.Conflict("Supervision.Error.State").Problem(L)!.StatusCode);
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, Outcome.Invalid("note", "Alerts.NoteRequired").Problem(L)!.StatusCode);
    }

    [Fact]
    public void Problem_OfAConflict_SaysWhy()
    {
        Assert.Equal("[Error.Stale]", Outcome.Stale.Problem(L)!.ProblemDetails.Detail);
        Assert.Equal("[Supervision.Error.State]", Outcome.Conflict("Supervision.Error.State").Problem(L)!.ProblemDetails.Detail);
    }

    [Fact]
    public void Problem_OfInvalid_IsAValidationProblem_WithLocalizedFieldErrors()
    {
        Outcome<int> keyed = Outcome.Invalid(new Dictionary<string, string> { ["period"] = "Supervision.Error.Period" });
        var details = Assert.IsType<HttpValidationProblemDetails>(keyed.Problem(L)!.ProblemDetails);
        Assert.Equal(["[Supervision.Error.Period]"], details.Errors["period"]);

        var texts = Outcome.InvalidText(new Dictionary<string, string[]> { ["name"] = ["名称必填"] });
        Assert.Equal(["名称必填"], Assert.IsType<HttpValidationProblemDetails>(texts.Problem(L)!.ProblemDetails).Errors["name"]);

        Assert.Equal("[Indicator.YearExists:2025]", Outcome.Invalid("year", "Indicator.YearExists", 2025).Summary(L));
    }

    [Fact]
    public void ToHttp_OfASuccess_BuildsTheResponseFromTheValue()
    {
        var result = Outcome.Ok(41).ToHttp(L, v => Microsoft.AspNetCore.Http.TypedResults.Ok(v + 1));
        var ok = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok<int>>(result.Result);
        Assert.Equal(42, ok.Value);
    }

    [Fact]
    public void AFailure_ConvertsToAnyValueOutcome_WithoutAValue()
    {
        Outcome<string> missing = Outcome.NotFound;
        Assert.Equal(OutcomeKind.NotFound, missing.Kind);
        Assert.Null(missing.Value);
    }
}

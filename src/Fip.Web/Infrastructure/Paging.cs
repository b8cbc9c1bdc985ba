using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The range of page numbers and page sizes every paged list accepts. With page ≤ <see cref="MaxPage"/> and
/// pageSize ≤ <see cref="MaxPageSize"/>, page × pageSize (and so the rows skipped) always fits in an int.
/// The API refuses values outside the range with a 400; pages clamp them.
/// </summary>
public static class Paging
{
    public const int MaxPage = 1_000_000;
    public const int MaxPageSize = 200;

    /// <summary>A page number from a list page's query string, brought into range.</summary>
    public static int ClampPage(int page) => Math.Clamp(page, 1, MaxPage);

    public static int ClampPageSize(int size) => Math.Clamp(size, 1, MaxPageSize);

    /// <summary>How many pages <paramref name="total"/> rows fill, at least one (an empty list shows one empty page).</summary>
    public static int PageCount(int total, int size) => Math.Max(1, total / size + (total % size == 0 ? 0 : 1)); // no overflow

    /// <summary>A requested page brought within the list's pages: past the last shows the last.</summary>
    public static int Within(int page, int total, int size) => Math.Clamp(page, 1, PageCount(total, size));

    /// <summary>
    /// Reads the API's <c>page</c> and <c>pageSize</c> query values (text, so that "abc" gets the same message as 0);
    /// false with a ValidationProblem naming the bad values when either is not a whole number in range.
    /// </summary>
    public static bool TryRead(string? page, string? pageSize, int defaultSize, IStringLocalizer l, out int pageNumber, out int size,
        out ValidationProblem problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        pageNumber = 1;
        size = defaultSize;
        if (!string.IsNullOrWhiteSpace(page)
            && !(int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) && pageNumber is >= 1 and <= MaxPage))
            errors["page"] = [l["Paging.Page", MaxPage.ToString(CultureInfo.InvariantCulture)]];
        if (!string.IsNullOrWhiteSpace(pageSize)
            && !(int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxPageSize))
            errors["pageSize"] = [l["Paging.PageSize", MaxPageSize.ToString(CultureInfo.InvariantCulture)]];
        if (errors.Count == 0)
        {
            problem = null!;
            return true;
        }
        problem = TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(v => v)),
            title: l["Problem.400"]);
        return false;
    }
}

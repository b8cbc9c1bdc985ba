using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Fip.Web.Infrastructure;

/// <summary>
/// A heading whose level the including page decides: <c>&lt;h3 heading-level="2"&gt;</c> renders as h2. A partial shown as a
/// section of one page and as the whole of another (the cockpit: on the home page and full screen) keeps one outline in both.
/// </summary>
[HtmlTargetElement("h1", Attributes = Attribute)]
[HtmlTargetElement("h2", Attributes = Attribute)]
[HtmlTargetElement("h3", Attributes = Attribute)]
[HtmlTargetElement("h4", Attributes = Attribute)]
[HtmlTargetElement("h5", Attributes = Attribute)]
[HtmlTargetElement("h6", Attributes = Attribute)]
public sealed class HeadingLevelTagHelper : TagHelper
{
    private const string Attribute = "heading-level";

    [HtmlAttributeName(Attribute)]
    public int Level { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Level is < 1 or > 6) throw new InvalidOperationException($"A heading's level is 1 to 6, not {Level}.");
        output.TagName = "h" + Level.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

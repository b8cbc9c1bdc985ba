using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

public class IfMatchTests
{
    [Theory]
    // header, version in the body, the version compared
    [InlineData("\"abc\"", null, "abc")]                    // strong
    [InlineData("W/\"abc\"", null, "abc")]                  // weak: versions are opaque tokens, so weak and strong name the same one
    [InlineData(" W/\"abc\" ", "body", "abc")]              // the header wins over the body
    [InlineData(null, "body", "body")]                      // missing: the body's version
    [InlineData("", "body", "body")]                        // empty: the body's version
    [InlineData(null, null, null)]                          // neither: no version (delete without a check)
    [InlineData("*", "body", "body")]                       // any: names no version, so the body's
    [InlineData("*", null, null)]
    [InlineData("\"a\", W/\"b\"", null, "a")]               // list: the first tag
    [InlineData("W/\"a\",\"b\"", "body", "a")]
    [InlineData("abc", "body", "")]                         // garbage: matches no version, so a write is refused as stale
    [InlineData("\"abc", null, "")]                         // unterminated
    [InlineData("\"a\" \"b\"", null, "")]                   // a list without commas
    public void Version_OfHeaderAndBody_IsTheOneToCompare(string? header, string? body, string? expected) =>
        Assert.Equal(expected, IfMatch.Version(header, body));

    [Fact]
    public void Parse_Star_NamesNoVersion() => Assert.Empty(IfMatch.Parse("*")!);

    [Fact]
    public void Parse_List_KeepsEveryTagInOrder() => Assert.Equal(["a", "b", "c"], IfMatch.Parse("\"a\", W/\"b\" ,\"c\"")!);

    [Fact]
    public void Parse_Garbage_IsNull() => Assert.Null(IfMatch.Parse("W/abc"));

    [Fact]
    public void Tag_IsTheStrongEntityTag_ThatVersionReadsBack() => Assert.Equal("v1", IfMatch.Version(IfMatch.Tag("v1"), null));
}

using Fip.Web.Features.Support;

namespace Fip.UnitTests.Features.Support;

/// <summary>The structured rule editor's rows: a rule becomes rows and comes back the same; new children take the next path.</summary>
public class RuleRowTests
{
    [Theory]
    [InlineData("""{"all":[{"field":"employees","op":">=","value":1}]}""")]
    [InlineData("""{"any":[{"all":[{"field":"revenue","op":"<","value":5000},{"field":"rdRatio","op":">=","value":5}]},"""
        + """{"field":"qualification","op":"has","value":"TechSme","withinYears":1}]}""")]
    [InlineData("""{"all":[{"field":"district","op":"in","value":["邗江区","江都区"]},"""
        + """{"not":{"field":"qualification","op":"has","value":"HighTech"}}]}""")]
    [InlineData("""{"field":"age","op":"<=","value":5}""")]
    public void Rows_RoundTripTheRule(string json)
    {
        var rule = RuleNode.Parse(json)!;
        Assert.Equal(rule.ToJson(), RuleRow.ToNode(RuleRow.From(rule))!.ToJson());
    }

    [Theory]
    [InlineData("0", "0.2")]
    [InlineData("0.1", "0.1.0")]
    public void NextChild_FollowsTheLastChild(string parent, string expected)
    {
        var rows = RuleRow.From(RuleNode.Parse("""{"all":[{"field":"age","op":"<=","value":5},{"any":[]}]}"""));
        Assert.Equal(expected, RuleRow.NextChild(rows, parent));
    }

    [Fact]
    public void ToNode_DropsRowsWhoseParentIsGone_AndSplitsNames()
    {
        var rows = new List<RuleRow>
        {
            new() { Path = "0", Kind = "all" },
            new() { Path = "0.0", Kind = "condition", Field = "district", Op = "in", Value = "邗江区、江都区" },
            new() { Path = "0.5.0", Kind = "condition", Field = "age", Op = "<=", Value = "3" },
        };
        var node = RuleRow.ToNode(rows)!;
        var only = Assert.Single(node.All!);
        Assert.Equal(["邗江区", "江都区"], only.Names);
    }
}

using Fip.Cli;

namespace Fip.UnitTests.Cli;

public class ArgumentsTests
{
    [Fact]
    public void Parse_GroupCommandWithOptions()
    {
        var a = Arguments.Parse(["users", "add", "alice", "--role", "district", "--district=江都区"]);
        Assert.Equal("users add", a.Command);
        Assert.Equal(["alice"], a.Positional);
        Assert.Equal("district", a.Option("role"));
        Assert.Equal("江都区", a.Option("district"));
    }

    [Fact]
    public void Parse_Flag() => Assert.Contains("demo", Arguments.Parse(["seed", "--demo"]).Flags);

    [Fact]
    public void Parse_OptionWithoutValue_IsAnError() =>
        Assert.Throws<ArgumentException>(() => Arguments.Parse(["users", "add", "x", "--role"]));
}

using Fip.Web.Features.Accounts;

namespace Fip.UnitTests.Features.Accounts;

public class PasswordRulesTests
{
    [Theory]
    [InlineData("abcdefghij", 1)]
    [InlineData("abcdeFGHIJ", 2)]
    [InlineData("abcdeFGH12", 3)]
    [InlineData("abcD3#", 4)]
    [InlineData("密码密码密码密码密码", 1)]
    public void ClassCount_CountsCharacterClasses(string password, int expected) =>
        Assert.Equal(expected, PasswordClassesValidator.ClassCount(password));

    [Fact]
    public void Generate_AlwaysMeetsTheRule()
    {
        for (var i = 0; i < 200; i++)
        {
            var p = PasswordClassesValidator.Generate();
            Assert.True(p.Length >= PasswordClassesValidator.MinimumLength, p);
            Assert.True(PasswordClassesValidator.ClassCount(p) >= 3, p);
        }
    }

    [Fact]
    public void Generate_GivesDifferentPasswords() =>
        Assert.Equal(50, Enumerable.Range(0, 50).Select(_ => PasswordClassesValidator.Generate()).Distinct(StringComparer.Ordinal).Count());
}

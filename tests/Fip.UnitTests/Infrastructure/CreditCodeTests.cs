using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91110000600037341L")]
    [InlineData("91310110666007217T")]
    [InlineData("91320214745555318W")]
    [InlineData("913205056082348768")]
    [InlineData("91310115MA1K3BTP2B")]
    [InlineData("121200004013590816")]
    public void Validate_RealCodes_AreValid(string code) => Assert.Equal(CreditCode.Result.Valid, CreditCode.Validate(code));

    [Fact]
    public void Validate_GenuinePilotCodeWithWrongCheck_IsMismatchNotMalformed() =>
        Assert.Equal(CreditCode.Result.CheckCharacterMismatch, CreditCode.Validate("91350211M00013FA1N"));

    [Theory]
    [InlineData("91110000600037341M")]
    [InlineData("91310110666007217U")]
    public void Validate_ChangedCheckCharacter_IsMismatch(string code) =>
        Assert.Equal(CreditCode.Result.CheckCharacterMismatch, CreditCode.Validate(code));

    [Theory]
    [InlineData("")]
    [InlineData("9111000060003734")]
    [InlineData("91110000600037341LX")]
    [InlineData("9111000060003734IL")]
    [InlineData("91110000600037341l")]
    [InlineData("9111000060003734OL")]
    public void Validate_WrongShapeOrAlphabet_IsMalformed(string code) =>
        Assert.Equal(CreditCode.Result.Malformed, CreditCode.Validate(code));

    [Theory]
    [InlineData("91110000600037341L")]
    [InlineData("91310115MA1K3BTP2B")]
    [InlineData("121200004013590816")]
    public void CheckCharacter_RealCodeBody_IsItsEighteenthCharacter(string code) =>
        Assert.Equal(code[17], CreditCode.CheckCharacter(code.AsSpan(0, 17)));

    [Theory]
    [InlineData("9111000060003734")]
    [InlineData("9111000060003734IX")]
    [InlineData("9111000060003734O")]
    public void CheckCharacter_BodyOfWrongLengthOrAlphabet_Throws(string body) =>
        Assert.Throws<ArgumentException>(() => CreditCode.CheckCharacter(body));

    [Fact]
    public void Normalize_TrimsAndUppercases() => Assert.Equal("91310115MA1K3BTP2B", CreditCode.Normalize(" 91310115ma1k3btp2b "));
}

using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

public class PersonalIdsTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    [Theory]
    [InlineData("11010519491231002X", IdNumber.Result.Valid)]            // the standard's own example: check character X
    [InlineData("321002199003071234", IdNumber.Result.Valid)]
    [InlineData("321002200002290019", IdNumber.Result.Valid)]            // 29 February of a leap year
    [InlineData("321002199003071235", IdNumber.Result.CheckCharacterMismatch)] // one digit typed wrong
    [InlineData("110105194912310020", IdNumber.Result.CheckCharacterMismatch)] // 0 where the check character is X
    [InlineData("321002190002290011", IdNumber.Result.BadBirthDate)]     // 1900 was no leap year
    [InlineData("321002199013071230", IdNumber.Result.BadBirthDate)]     // month 13
    [InlineData("321002202712010010", IdNumber.Result.BadBirthDate)]     // born after today
    [InlineData("321002189912310010", IdNumber.Result.BadBirthDate)]     // before 1900
    [InlineData("32100219900307123", IdNumber.Result.Malformed)]         // 17 characters
    [InlineData("3210021990030712345", IdNumber.Result.Malformed)]       // 19 characters
    [InlineData("32100219900307123Y", IdNumber.Result.Malformed)]        // a letter other than X
    [InlineData("X21002199003071234", IdNumber.Result.Malformed)]        // X only at the end
    [InlineData("321002900307123", IdNumber.Result.Malformed)]           // the old 15-digit number is not accepted
    [InlineData("", IdNumber.Result.Malformed)]
    public void IdNumber_IsCheckedByShapeBirthDateAndCheckCharacter(string id, IdNumber.Result expected) =>
        Assert.Equal(expected, IdNumber.Validate(id, Today));

    [Fact]
    public void IdNumber_Normalises_LowerCaseXAndBlanks() => Assert.Equal("11010519491231002X", IdNumber.Normalize(" 11010519491231002x "));

    [Theory]
    [InlineData("13800000000", true)]
    [InlineData("19912345678", true)]
    [InlineData("+8613800000000", true)]
    [InlineData("8613800000000", true)]
    [InlineData("0514-87654321", true)]      // 扬州 landline
    [InlineData("051487654321", true)]
    [InlineData("010-1234567", true)]        // 3-digit area code, 7 digits
    [InlineData("0514-87654321-802", true)]  // with an extension
    [InlineData("0514-87654321转802", true)] // an extension as officials write it
    [InlineData("0514 8765 4321", true)]     // blanks between groups
    [InlineData("025-12345678", true)]       // 南京
    [InlineData("0514-87654321转", false)]   // 转 without the extension
    [InlineData("0514-87654321-1234567", false)] // an extension of 7 digits
    [InlineData("514-87654321", false)]      // area code without its leading 0
    [InlineData("+86 139 1234 5678", true)]
    [InlineData("11012345678", false)]       // 11 digits but no mobile prefix 1[3-9]
    [InlineData("", false)]
    [InlineData("12800000000", false)]       // no mobile prefix 12
    [InlineData("1380000000", false)]        // 10 digits
    [InlineData("138000000000", false)]      // 12 digits
    [InlineData("87654321", false)]          // a landline without its area code
    [InlineData("0514-8765", false)]
    [InlineData("138-0000-0000x", false)]
    public void Phone_IsAMobileOrALandline(string text, bool valid) =>
        Assert.Equal(valid, PhoneNumber.IsValid(PhoneNumber.Normalize(text)));

    [Theory]
    [InlineData("wang@example.com", true)]
    [InlineData("wang.ming@yzu.edu.cn", true)]
    [InlineData("wang@example", false)]
    [InlineData("wang@@example.com", false)]
    [InlineData("wang ming@example.com", false)]
    [InlineData("@example.com", false)]
    public void Email_HasOneAtAndADottedDomain(string text, bool valid) => Assert.Equal(valid, EmailAddress.IsValid(text));

    [Theory]
    [InlineData(FieldKind.IdNumber, "11010519491231002X", "110***********002X")]
    [InlineData(FieldKind.Phone, "13812345678", "138****5678")]
    [InlineData(FieldKind.Email, "wang@example.com", "w***@example.com")]
    [InlineData(FieldKind.Date, "1990-05-01", "****-**-**")]
    [InlineData(FieldKind.Text, "王明", "王*")]
    [InlineData(FieldKind.Phone, "", "")]
    public void Mask_HidesWhatIdentifiesThePerson(FieldKind kind, string value, string masked) =>
        Assert.Equal(masked, FieldText.Mask(value, kind));
}

using Fip.Web.Features.Organisation;
using Fip.Web.Features.Plans;
using Fip.Web.Features.Registries;

namespace Fip.UnitTests.Features.Registries;

public class FieldTextTests
{
    private static readonly FieldLookups Lookups = new()
    {
        Districts = [new District { Id = 1, Name = "邗江区", ShortName = "邗江区", Code = "321003" },
            new District { Id = 2, Name = "扬州经济技术开发区", ShortName = "扬州经开区", Aliases = "经开区" }],
        Tracks = [new Track { Id = 10, Code = "low-altitude", Name = "低空经济", NameEn = "Low-altitude economy" },
            new Track { Id = 11, Code = "metaverse", Name = "元宇宙" }],
        FindEnterprise = text => text == "91310115MA1K3BTP2B" ? 7 : null,
    };

    private static readonly EnterpriseRegistry Enterprises = new();
    private static readonly ProductRegistry Products = new();

    private static object? Parse<T>(RegistryField<T> field, string? text, out FieldText.Problem? problem) =>
        FieldText.Parse(field, text, Lookups, Labels.ParseEnum, out problem);

    [Theory]
    [InlineData("2016-05-20")]
    [InlineData("2016/5/20")]
    [InlineData("2016年5月20日")]
    [InlineData("20160520")]
    [InlineData("42510")]
    public void Date_AcceptsTheWaysOfficialsWriteIt(string text)
    {
        Assert.Equal(new DateOnly(2016, 5, 20), Parse(Enterprises.Field("foundedOn")!, text, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void District_ByNameShortNameAliasOrCode()
    {
        var field = Enterprises.Field("district")!;
        Assert.Equal(2, Parse(field, "经开区", out _));
        Assert.Equal(1, Parse(field, "321003", out _));
        Assert.Null(Parse(field, "火星区", out var problem));
        Assert.Equal("Import.UnknownDistrict", problem!.Reason);
    }

    [Fact]
    public void TrackList_SplitsOnChineseAndAsciiSeparators()
    {
        Assert.Equal(new[] { 10, 11 }, (int[])Parse(Enterprises.Field("tracks")!, "低空经济、元宇宙", out _)!);
        Assert.Equal(new[] { 10, 11 }, (int[])Parse(Enterprises.Field("tracks")!, "low-altitude; 元宇宙", out _)!);
        Assert.Empty((int[])Parse(Enterprises.Field("tracks")!, "", out _)!);
    }

    [Fact]
    public void Qualifications_WithYears_InFullOrHalfWidthBrackets()
    {
        var value = ((QualificationKind Kind, int? Year)[])Parse(Enterprises.Field("qualifications")!, "高新技术企业(2022)、专精特新中小企业（2023）、瞪羚企业",
            out var problem)!;
        Assert.Null(problem);
        Assert.Equal(
            [(QualificationKind.HighTech, (int?)2022), (QualificationKind.SpecialisedSme, 2023), (QualificationKind.Gazelle, null)], value);
        Assert.Null(Parse(Enterprises.Field("qualifications")!, "国企", out problem));
        Assert.Equal("Import.UnknownQualification", problem!.Reason);
    }

    [Theory]
    [InlineData("省级", RecognitionLevel.Provincial)]
    [InlineData("省", RecognitionLevel.Provincial)]
    [InlineData("National", RecognitionLevel.National)]
    [InlineData("municipal", RecognitionLevel.Municipal)]
    public void Enum_ByChineseEnglishOrCode(string text, RecognitionLevel expected) =>
        Assert.Equal(expected, Parse(Products.Field("recognitionLevel")!, text, out _));

    [Fact]
    public void CreditCode_MismatchIsAProblemThatCarriesTheCode()
    {
        Assert.Equal("91350211M00013FA1N", Parse(Enterprises.Field("creditCode")!, "91350211m00013fa1n", out var problem));
        Assert.Equal("Uscc.CheckMismatch", problem!.Reason);
        Assert.Null(Parse(Enterprises.Field("creditCode")!, "123", out problem));
        Assert.Equal("Uscc.Malformed", problem!.Reason);
    }

    [Theory]
    [InlineData("employees", "很多", "Import.NotWholeNumber")]
    [InlineData("employees", "-3", "Import.NotWholeNumber")]
    [InlineData("registeredCapital", "1,2a", "Import.NotNumber")]
    [InlineData("name", "", "Import.Required")]
    public void BadValues_NameTheirReason(string key, string text, string reason)
    {
        Parse(Enterprises.Field(key)!, text, out var problem);
        Assert.Equal(reason, problem!.Reason);
    }

    [Fact]
    public void Enterprise_ByCreditCode()
    {
        Assert.Equal(7, Parse(Products.Field("enterprise")!, "91310115MA1K3BTP2B", out _));
        Assert.Null(Parse(Products.Field("enterprise")!, "不存在", out var problem));
        Assert.Equal("Import.UnknownEnterprise", problem!.Reason);
    }

    [Fact]
    public void Format_WritesWhatParseReads()
    {
        var e = new Enterprise { DistrictId = 2, RegisteredCapital = 1200.5m, FoundedOn = new DateOnly(2019, 3, 8) };
        e.Tracks.Add(new EnterpriseTrack { TrackId = 11 });
        e.Qualifications.Add(new EnterpriseQualification { Kind = QualificationKind.HighTech, Year = 2022 });
        string F(string key) { var f = Enterprises.Field(key)!; return FieldText.Format(f, f.Get(e), Lookups, Labels.Enum, _ => null); }
        Assert.Equal("扬州经开区", F("district"));
        Assert.Equal("元宇宙", F("tracks"));
        Assert.Equal("高新技术企业(2022)", F("qualifications"));
        Assert.Equal("1200.5", F("registeredCapital"));
        Assert.Equal("2019-03-08", F("foundedOn"));
    }

    [Theory]
    [InlineData("13912345678", "139****5678")]
    [InlineData("王明", "王*")]
    [InlineData("欧阳小明", "欧***")]
    [InlineData("", "")]
    public void Mask_HidesPersonalData(string value, string masked) => Assert.Equal(masked, FieldText.Mask(value));
}

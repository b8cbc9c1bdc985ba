using Fip.Policy;

namespace Fip.UnitTests.Policy;

public class PolicyVocabularyTests
{
    [Fact]
    public void Default_DepartmentAliases_MapToTheCanonicalName()
    {
        var v = PolicyVocabulary.Default;
        Assert.Equal("市发展和改革委员会", v.CanonicalDepartment("市发改委"));
        Assert.Equal("市发展和改革委员会", v.CanonicalDepartment("市发展改革委"));
        Assert.Equal("未知单位", v.CanonicalDepartment("未知单位"));
        Assert.Equal("未来产业先导园区", v.CanonicalIndicator("先导区"));
    }

    [Fact]
    public void Load_DirectoryWithAFile_ReplacesOnlyThatFile()
    {
        var dir = Directory.CreateTempSubdirectory("fip-vocab-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "departments.json"), """{"aliases": [["苏州市发展和改革委员会", "苏州市发改委"]]}""");
            var v = PolicyVocabulary.Load(dir);
            Assert.Equal("苏州市发展和改革委员会", v.CanonicalDepartment("苏州市发改委"));
            Assert.Equal("市发改委", v.CanonicalDepartment("市发改委"));
            Assert.Equal("扬州经济技术开发区", v.CanonicalPlace("扬州经开区"));
            var d = new PolicyParser(v).Parse("标题\n\n推进项目。〔苏州市发改委负责〕\n");
            Assert.Equal("苏州市发展和改革委员会", Assert.Single(Assert.Single(d.Responsibilities).Units).CanonicalName);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Load_BrokenOverride_ThrowsATypedError()
    {
        var dir = Directory.CreateTempSubdirectory("fip-vocab-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "grammar.json"), "{ not json");
            Assert.Throws<PolicyFileException>(() => PolicyVocabulary.Load(dir));
        }
        finally { Directory.Delete(dir, true); }
    }
}

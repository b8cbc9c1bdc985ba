using Fip.Web.Features.Registries.Import;

namespace Fip.UnitTests.Features.Registries;

public class SeenKeysTests
{
    [Fact]
    public void TryAdd_FindsAKeyMetBefore_WithTheRowItWasFirstOn()
    {
        var seen = new SeenKeys();
        Assert.True(seen.TryAdd("91321000MA1XXXXX0Y", 2, out _));
        Assert.True(seen.TryAdd("小明", 3, out _));
        Assert.False(seen.TryAdd("91321000MA1XXXXX0Y", 7, out var first));
        Assert.Equal(2, first);
        Assert.False(seen.TryAdd("小明", 9, out first));
        Assert.Equal(3, first);
        Assert.Equal(2, seen.Count);
    }

    /// <summary>Keys that differ only by a leading character, by case, or by length, never meet as one number.</summary>
    [Theory]
    [InlineData("A", "0A")]
    [InlineData("1", "01")]
    [InlineData("abc", "ABC")]
    [InlineData("913210000000000000", "91321000000000000")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZ", "-ZZZZZZZZZZZZZZZZZZZZ")]
    public void DistinctKeys_StayDistinct(string one, string other)
    {
        var seen = new SeenKeys();
        Assert.True(seen.TryAdd(one, 2, out _));
        Assert.True(seen.TryAdd(other, 3, out _));
        Assert.NotEqual(SeenKeys.Pack(one), SeenKeys.Pack(other));
    }

    [Fact]
    public void KeysThatDoNotFit_AreHeldAsText()
    {
        Assert.NotNull(SeenKeys.Pack("91321000MA1XXXXX0Y"));
        Assert.NotNull(SeenKeys.Pack(new string('Z', 21)));
        Assert.Null(SeenKeys.Pack(new string('Z', 22)));
        Assert.Null(SeenKeys.Pack("9132 1000"));
        Assert.Null(SeenKeys.Pack("扬州"));
        var seen = new SeenKeys();
        Assert.True(seen.TryAdd(new string('Z', 22), 2, out _));
        Assert.True(seen.TryAdd(new string('Z', 21), 3, out _));
        Assert.False(seen.TryAdd(new string('Z', 22), 4, out var first));
        Assert.Equal(2, first);
    }

    /// <summary>Told how many rows to expect, the table its keys go to is that large from its first key and never grows (a grown
    /// table of a million keys holds the old and the new at once); the other table stays empty until a key of its kind comes.</summary>
    [Theory]
    [InlineData("91321000MA1XXXXX0Y", true)]
    [InlineData("扬州市某某科技有限公司", false)]
    public void ExpectedKeys_AreRoomedForAtTheFirstKey_AndTheTableNeverGrows(string first, bool packs)
    {
        const int expected = 5000;
        var seen = new SeenKeys(expected);
        Assert.Equal((0, 0), seen.Capacity);
        Assert.True(seen.TryAdd(first, 1, out _));
        var at = seen.Capacity;
        Assert.True((packs ? at.Packed : at.Others) >= expected);
        Assert.Equal(0, packs ? at.Others : at.Packed);
        for (var i = 1; i < expected; i++)
            Assert.True(seen.TryAdd(packs ? $"9132100{i:D11}" : $"扬州{i}公司", i + 1, out _));
        Assert.Equal(at, seen.Capacity);
    }
}

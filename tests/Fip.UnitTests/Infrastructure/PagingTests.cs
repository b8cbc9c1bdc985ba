using Fip.Web.Infrastructure;

namespace Fip.UnitTests.Infrastructure;

public class PagingTests
{
    [Theory]
    [InlineData(0, 100, 1)]     // an empty list is one empty page
    [InlineData(1, 100, 1)]
    [InlineData(100, 100, 1)]   // exactly full
    [InlineData(101, 100, 2)]
    [InlineData(int.MaxValue - 200, 200, 10_737_418)] // (total + size − 1) / size would overflow
    public void PageCount(int total, int size, int expected) => Assert.Equal(expected, Paging.PageCount(total, size));

    [Theory]
    [InlineData(1, 105, 100, 1)]
    [InlineData(2, 105, 100, 2)]
    [InlineData(3, 105, 100, 2)]              // past the last: the last
    [InlineData(int.MaxValue, 105, 100, 2)]
    [InlineData(0, 105, 100, 1)]
    [InlineData(-5, 0, 100, 1)]
    public void Within(int page, int total, int size, int expected) => Assert.Equal(expected, Paging.Within(page, total, size));
}

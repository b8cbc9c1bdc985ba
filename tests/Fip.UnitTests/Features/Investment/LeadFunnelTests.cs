using Fip.Web.Features.Investment;

namespace Fip.UnitTests.Features.Investment;

public class LeadFunnelTests
{
    private static FunnelRow Row(int track, int contact, int negotiation, int signed, int landed) =>
        new(track, $"赛道{track}", null,
            new Dictionary<LeadStage, int>
            {
                [LeadStage.Contact] = contact,
                [LeadStage.Negotiation] = negotiation,
                [LeadStage.Signed] = signed,
                [LeadStage.Landed] = landed,
            },
            new Dictionary<LeadStage, decimal>());

    /// <summary>Counts per track at each stage (contact, negotiation, signed, landed), and the leads that reached each stage.</summary>
    public static TheoryData<int[][], int[]> Cases => new()
    {
        { [], [0, 0, 0, 0] },                                     // no lead: an empty funnel
        { [[3, 0, 0, 0]], [3, 0, 0, 0] },                         // only contacts: the later steps are empty
        { [[0, 0, 0, 2]], [2, 2, 2, 2] },                         // landed leads were contacted, negotiated and signed
        { [[3, 2, 0, 1]], [6, 3, 1, 1] },                         // a lead at a later stage counts at every earlier one
        { [[1, 1, 1, 1], [2, 0, 3, 0]], [9, 6, 5, 1] },           // summed over tracks
        { [[0, 5, 0, 0], [0, 0, 0, 0]], [5, 5, 0, 0] },           // a track with no lead adds nothing
    };

    [Theory, MemberData(nameof(Cases))]
    public void Reached_CountsEachLeadAtItsStageAndEveryEarlierOne(int[][] tracks, int[] expected)
    {
        var rows = tracks.Select((c, i) => Row(i + 1, c[0], c[1], c[2], c[3])).ToList();
        var reached = FunnelModel.Reached(rows);
        Assert.Equal(expected, reached);
        Assert.True(reached.Zip(reached.Skip(1)).All(p => p.First >= p.Second), "a funnel never widens");
    }

    [Fact]
    public void ChartJson_NamesTheStagesInOrder_WithTheirCounts()
    {
        var json = FunnelModel.ChartJson([Row(1, 3, 2, 0, 1)], key => key);
        Assert.Equal(
            "{\"steps\":[\"Leads.Stage.Contact\",\"Leads.Stage.Negotiation\",\"Leads.Stage.Signed\",\"Leads.Stage.Landed\"],"
                + "\"total\":[6,3,1,1]}",
            json);
    }
}

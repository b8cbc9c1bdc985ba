namespace Fip.Web.Features.Audit;

/// <summary>Marks an entity whose rows are operational bookkeeping rather than business records: not audited row by row.</summary>
public interface IUnaudited;

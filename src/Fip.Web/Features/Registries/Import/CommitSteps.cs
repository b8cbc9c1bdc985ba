using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Fip.Web.Features.Registries.Import;

/// <summary>
/// Where an import's commit spends its time, step by step (each step's time summed over the batches), logged once at its end
/// (category <c>Fip.Import</c>, level Information; the command line and the benchmark harness show it when asked): what to
/// attack next is read from it rather than guessed.
/// </summary>
internal sealed class CommitSteps
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(string Step, TimeSpan Time)> steps = [];
    private TimeSpan last;

    /// <summary>Adds the time since the previous lap (or the start) to <paramref name="step"/>.</summary>
    public void Lap(string step)
    {
        var now = clock.Elapsed;
        var i = steps.FindIndex(s => s.Step == step);
        if (i < 0) steps.Add((step, now - last));
        else steps[i] = (step, steps[i].Time + (now - last));
        last = now;
    }

    public override string ToString() =>
        string.Join(", ", steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step} {s.Time.TotalSeconds:0.00} s")))
        + string.Create(CultureInfo.InvariantCulture, $"; total {clock.Elapsed.TotalSeconds:0.00} s");

    public void Log(ILogger? log, string registry, int rows)
    {
        if (log?.IsEnabled(LogLevel.Information) == true)
            log.LogInformation("Import of {Rows} {Registry} committed: {Steps}", rows, registry, ToString());
    }
}

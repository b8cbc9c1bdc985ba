namespace Fip.Web.Infrastructure;

/// <summary>Where files live on disk, for the web app and the command line alike.</summary>
public static class StoragePaths
{
    /// <summary><c>Storage:Attachments</c>, or <c>data/attachments</c> under the content root (never under wwwroot).</summary>
    public static string Attachments(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Storage:Attachments"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, "data", "attachments") : configured);
    }

    /// <summary>
    /// The web app's content root as the command line sees it: <c>src/Fip.Web</c> when run from a checkout (as <c>./run.sh</c>
    /// starts the app), else the current directory (a published app and <c>fip</c> side by side).
    /// </summary>
    public static string CommandLineContentRoot()
    {
        var checkout = Path.Combine(Directory.GetCurrentDirectory(), "src", "Fip.Web");
        return Directory.Exists(checkout) ? checkout : Directory.GetCurrentDirectory();
    }
}

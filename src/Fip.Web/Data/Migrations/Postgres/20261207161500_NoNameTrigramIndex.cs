using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Drops the trigram index on enterprise names (<c>IX_Enterprises_Name_trgm</c>, from the Registries migration): no query
    /// of the platform can use it. A name search is answered by the name bigrams (<c>EnterpriseNameGrams</c>) and confirmed by a
    /// LIKE over the name or the short name; the search a bigram cannot answer (one character, a possible credit code) asks the
    /// name, the short name and the credit code at once, and an OR of LIKEs is answered by an index only when every arm has one.
    /// PostgreSQL's plans on a 200,000-enterprise registry never chose it (pg_stat_user_indexes: 0 scans after an import and
    /// the list benchmark), while every enterprise write kept it, and an import rebuilt it (7–11 s of a million-row import).
    /// The pg_trgm extension stays installed.
    /// </summary>
    [DbContext(typeof(PostgresFipDbContext))]
    [Migration("20261207161500_NoNameTrigramIndex")]
    public partial class NoNameTrigramIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Enterprises_Name_trgm\";");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX \"IX_Enterprises_Name_trgm\" ON \"Enterprises\" USING gin (\"Name\" gin_trgm_ops);");
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnterpriseNameGramsAndGoalsStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // WITHOUT ROWID: the table is its primary key (bigram, district, enterprise), half the size of a table plus index.
            migrationBuilder.Sql(
                """
                CREATE TABLE "EnterpriseNameGrams" (
                    "Gram" TEXT NOT NULL,
                    "DistrictId" INTEGER NOT NULL,
                    "EnterpriseId" INTEGER NOT NULL,
                    CONSTRAINT "PK_EnterpriseNameGrams" PRIMARY KEY ("Gram", "DistrictId", "EnterpriseId")
                ) WITHOUT ROWID;
                """);
            // The bigrams of every stored name and short name, as EnterpriseNameSearch.Of makes them: substr counts
            // characters, upper() changes ASCII letters only (SQLite without ICU), as the C# rule does.
            migrationBuilder.Sql(
                """
                WITH RECURSIVE n(i) AS (
                    SELECT 1 UNION ALL SELECT i + 1 FROM n
                    WHERE i < (SELECT max(max(length("Name")), max(ifnull(length("ShortName"), 0))) FROM "Enterprises"))
                INSERT INTO "EnterpriseNameGrams" ("Gram", "DistrictId", "EnterpriseId")
                SELECT DISTINCT upper(substr(t."Text", n.i, 2)), t."DistrictId", t."Id"
                FROM (SELECT "Id", "DistrictId", "Name" AS "Text" FROM "Enterprises"
                      UNION ALL SELECT "Id", "DistrictId", "ShortName" FROM "Enterprises" WHERE "ShortName" IS NOT NULL) AS t
                JOIN n ON n.i < length(t."Text")
                ORDER BY 1, 2, 3;
                """);

            migrationBuilder.InsertData(
                table: "ChangeStamps",
                columns: new[] { "Name", "Value" },
                values: new object[] { "goals", 1L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseNameGrams");

            migrationBuilder.DeleteData(
                table: "ChangeStamps",
                keyColumn: "Name",
                keyValue: "goals");
        }
    }
}

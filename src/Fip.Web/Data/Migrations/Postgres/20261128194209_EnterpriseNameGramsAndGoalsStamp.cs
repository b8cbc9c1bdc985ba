using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnterpriseNameGramsAndGoalsStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EnterpriseNameGrams",
                columns: table => new
                {
                    Gram = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseNameGrams", x => new { x.Gram, x.DistrictId, x.EnterpriseId });
                });

            // The bigrams of every stored name and short name, as EnterpriseNameSearch.Of makes them: substr counts
            // characters, translate() changes ASCII letters only, as the C# rule does (upper() would change others too).
            migrationBuilder.Sql(
                """
                INSERT INTO "EnterpriseNameGrams" ("Gram", "DistrictId", "EnterpriseId")
                SELECT DISTINCT translate(substr(t.text, i, 2), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), t."DistrictId", t."Id"
                FROM (SELECT "Id", "DistrictId", "Name" AS text FROM "Enterprises"
                      UNION ALL SELECT "Id", "DistrictId", "ShortName" FROM "Enterprises" WHERE "ShortName" IS NOT NULL) AS t
                CROSS JOIN LATERAL generate_series(1, char_length(t.text) - 1) AS i;
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

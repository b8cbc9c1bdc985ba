using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Every statement that writes a table the session query reads (the change stamps, the accounts, the messages) notifies
    /// channel <c>fip_changes</c> at its commit (PostgreSQL sends a transaction's notifications once, at commit, and drops
    /// duplicates), so each node's <see cref="PostgresChangeFeed"/> knows a kept session result is behind. No model change.
    /// </summary>
    [DbContext(typeof(PostgresFipDbContext))]
    [Migration("20261207071500_ChangeNotifications")]
    public partial class ChangeNotifications : Migration
    {
        /// <summary>The tables of <see cref="FipDbContext.SessionSql"/>.</summary>
        internal static readonly string[] Tables = ["ChangeStamps", "AspNetUsers", "Messages"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION fip_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('fip_changes', '');
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in Tables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                        FOR EACH STATEMENT EXECUTE FUNCTION fip_notify_change();
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables) migrationBuilder.Sql($"""DROP TRIGGER "{table}_notify_change" ON "{table}";""");
            migrationBuilder.Sql("DROP FUNCTION fip_notify_change();");
        }
    }
}

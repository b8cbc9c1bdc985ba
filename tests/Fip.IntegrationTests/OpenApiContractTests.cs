using System.Text.Json;

namespace Fip.IntegrationTests;

/// <summary>
/// The published /openapi/v1.json describes every /api/v1 operation: a request body and each 2xx answer have a schema
/// (an anonymous object or an untyped IResult leaves none), so clients can be generated from it.
/// </summary>
public class OpenApiContractTests
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryApiOperation_DescribesItsBodyAndSuccessResponses_WithASchema()
    {
        var client = FipApp.For(Fip.Web.Data.DatabaseProvider.Sqlite).CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var problems = new List<string>();
        var operations = 0;
        foreach (var path in root.GetProperty("paths")
            .EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (operation.Value.TryGetProperty("requestBody", out var body))
                    problems.AddRange(ContentProblems(root, name + " request", body, isRequest: true));
                if (!operation.Value.TryGetProperty("responses", out var responses))
                {
                    problems.Add($"{name}: no responses");
                    continue;
                }
                var successes = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (successes.Count == 0) problems.Add($"{name}: no 2xx response");
                foreach (var response in successes.Where(r => r.Name != "204"))
                    problems.AddRange(ContentProblems(root, $"{name} {response.Name}", response.Value, isRequest: false));
            }
        }
        Assert.True(operations > 50, $"only {operations} /api/v1 operations found");
        Assert.True(problems.Count == 0, "Operations without a schema:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task RegistryBodies_ListTheRegistrysFields_AndWritesTakeIfMatch()
    {
        var client = FipApp.For(Fip.Web.Data.DatabaseProvider.Sqlite).CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var update = document.RootElement.GetProperty("paths").GetProperty("/api/v1/enterprises/{id}").GetProperty("put");
        var schema = update.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var properties = Resolve(document.RootElement, schema).GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("creditCode").GetProperty("type").GetString());
        Assert.Equal("string", properties.GetProperty("version").GetProperty("type").GetString());
        Assert.Contains(update.GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
        Assert.True(update.GetProperty("responses").TryGetProperty("422", out _));

        var figures = document.RootElement.GetProperty("paths").GetProperty("/api/v1/enterprises/{id}/indicators/{year}").GetProperty("put")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("number",
            Resolve(document.RootElement, figures).GetProperty("properties").GetProperty("revenue").GetProperty("type").GetString());
    }

    /// <summary>What is missing from a request body or response: content, a schema per media type, a non-empty schema.</summary>
    private static IEnumerable<string> ContentProblems(JsonElement root, string name, JsonElement part, bool isRequest)
    {
        if (!part.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
        {
            yield return $"{name}: no content";
            yield break;
        }
        foreach (var media in content.EnumerateObject())
        {
            // File downloads are described by their media type; their body is the file itself.
            if (!isRequest && IsFileMediaType(media.Name)) continue;
            if (!media.Value.TryGetProperty("schema", out var schema)) { yield return $"{name} {media.Name}: no schema"; continue; }
            if (IsEmpty(root, schema, 0)) { yield return $"{name} {media.Name}: empty schema"; continue; }
            // An upload must still be described as multipart with its file field.
            if (media.Name == "multipart/form-data" && !Resolve(root, schema).TryGetProperty("properties", out _))
                yield return $"{name} {media.Name}: multipart without fields";
        }
    }

    private static bool IsFileMediaType(string mediaType) =>
        mediaType is "application/octet-stream" or "text/csv" or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            or "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>An empty schema says nothing: no type, no reference, no properties, no composition.</summary>
    private static bool IsEmpty(JsonElement root, JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object) return true;
        if (schema.TryGetProperty("$ref", out _)) return depth > 5 || IsEmpty(root, Resolve(root, schema), depth + 1);
        string[] meaningful = ["type", "properties", "items", "allOf", "anyOf", "oneOf", "additionalProperties", "enum", "format"];
        return !schema.EnumerateObject().Any(p => meaningful.Contains(p.Name));
    }

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference)) return schema;
        var current = root;
        foreach (var segment in reference.GetString()!.TrimStart('#', '/').Split('/')) current = current.GetProperty(segment);
        return current;
    }
}

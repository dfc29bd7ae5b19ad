using System.Text.Json;
using Flint.Gateway.Functions;
using Microsoft.Data.Sqlite;

namespace Flint.Gateway.Store;

/// <summary>Deployed functions in an embedded SQLite file, so they survive a gateway restart.</summary>
internal sealed class FunctionStore
{
    public const string FileName = "functions.db";

    /// <summary>SQLITE_FULL: a write found no room (the transaction is rolled back).</summary>
    private const int SqliteFull = 13;
    private readonly string _connectionString;

    public FunctionStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, FileName),
            Pooling = false,
        }.ToString();
        Execute("CREATE TABLE IF NOT EXISTS functions (name TEXT PRIMARY KEY, definition TEXT NOT NULL)");
    }

    public IReadOnlyList<FunctionDefinition> LoadAll()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT definition FROM functions ORDER BY name";
        using var reader = command.ExecuteReader();
        var functions = new List<FunctionDefinition>();
        while (reader.Read())
        {
            functions.Add(JsonSerializer.Deserialize(reader.GetString(0), StoreJsonContext.Default.FunctionDefinition)!);
        }

        return functions;
    }

    public void Save(FunctionDefinition function) =>
        Execute(
            "INSERT INTO functions (name, definition) VALUES ($name, $definition) ON CONFLICT(name) DO UPDATE SET definition = excluded.definition",
            ("$name", function.Name),
            ("$definition", JsonSerializer.Serialize(function, StoreJsonContext.Default.FunctionDefinition)));

    public void Delete(string name) => Execute("DELETE FROM functions WHERE name = $name", ("$name", name));

    private void Execute(string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteFull)
        {
            throw new StoreException(
                $"the function store ({FileName} in the data directory) cannot be written: the data directory is full (no space left on its device); nothing was changed, free space there and retry",
                StatusCodes.Status507InsufficientStorage, e);
        }
        catch (SqliteException e)
        {
            throw new StoreException(
                $"the function store ({FileName} in the data directory) cannot be written: {e.Message}", StatusCodes.Status503ServiceUnavailable, e);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

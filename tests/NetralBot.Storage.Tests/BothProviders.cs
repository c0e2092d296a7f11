namespace NetralBot.Storage.Tests;

/// <summary>Theory data: every storage test runs on SQLite and on PostgreSQL.</summary>
public sealed class BothProviders : TheoryData<StorageProvider>
{
    public BothProviders()
    {
        Add(StorageProvider.Sqlite);
        Add(StorageProvider.Postgres);
    }
}

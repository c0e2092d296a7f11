namespace NetralBot.Tests.Hostile;

/// <summary>Tests that measure the process's memory run alone, so no other test's allocations are counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryBoundCollection
{
    public const string Name = "memory-bound";
}

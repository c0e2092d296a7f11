using NetralBot.Core.Knowledge;

namespace NetralBot.Core.Understanding;

/// <summary>A message after normalisation.</summary>
/// <param name="Terms">Canonical content terms in order (stopwords removed), the matcher's input.</param>
/// <param name="AllTerms">Canonical terms including stopwords, for intent signals.</param>
/// <param name="Status">The asker's status if the message names it.</param>
public sealed record NormalizedText(IReadOnlyList<string> Terms, IReadOnlyList<string> AllTerms, AskerStatus Status);

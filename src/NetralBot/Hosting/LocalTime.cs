using System.Globalization;
using Microsoft.Extensions.Options;

namespace NetralBot.Hosting;

/// <summary>Times as people read them: in the deployment's zone (Bot:TimeZone) with its name, e.g. "2026-11-29 06:40 WIB". Stored times stay UTC.</summary>
public sealed class LocalTime(IOptions<BotOptions> options)
{
    private readonly TimeZoneInfo _zone = options.Value.Zone;

    public string Format(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + _zone.StandardName;
}

using Cronos;
using NetralBot.Core.Reminders;
using YamlDotNet.RepresentationModel;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>Reads dialogs/reminders.yaml (optional file): id, cron (Cronos, 5 fields), time_zone, text, text_en.</summary>
internal sealed class RemindersReader(YamlReader yaml)
{
    private static readonly HashSet<string> Keys = ["id", "cron", "time_zone", "text", "text_en"];

    public List<Reminder> Read(string text)
    {
        var reminders = new List<Reminder>();
        var root = yaml.ParseRoot(text);
        if (root is null)
        {
            return reminders;
        }
        yaml.RejectUnknownKeys(root, new HashSet<string> { "reminders" }, "the reminders file");
        if (yaml.Get(root, "reminders") is not YamlSequenceNode items)
        {
            return reminders;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in items)
        {
            if (node is not YamlMappingNode map)
            {
                yaml.Error(node, "each reminder needs id, cron and text");
                continue;
            }
            yaml.RejectUnknownKeys(map, Keys, "a reminder");
            var id = yaml.String(map, "id", required: true);
            var cron = yaml.String(map, "cron", required: true);
            var body = yaml.String(map, "text", required: true);
            var zoneName = yaml.String(map, "time_zone", required: false) ?? IndonesianTimeZones.Default;
            var zone = IndonesianTimeZones.Find(zoneName);
            if (zone is null)
            {
                yaml.Error(yaml.Get(map, "time_zone")!, $"time_zone '{zoneName}' must be one of {string.Join(", ", IndonesianTimeZones.Names)}");
            }
            CronExpression? schedule = null;
            if (cron is not null)
            {
                try
                {
                    schedule = CronExpression.Parse(cron);
                }
                catch (CronFormatException ex)
                {
                    yaml.Error(yaml.Get(map, "cron")!, $"cron '{cron}' is not valid: {ex.Message}");
                }
            }
            if (id is not null && id.StartsWith("admin:", StringComparison.Ordinal))
            {
                yaml.Error(map, $"reminder id '{id}': ids starting with 'admin:' belong to the reminders admins make in chat");
                continue;
            }
            if (id is not null && !seen.Add(id))
            {
                yaml.Error(map, $"duplicate reminder id '{id}'");
                continue;
            }
            if (id is not null && schedule is not null && zone is not null && body is not null)
            {
                reminders.Add(new Reminder(id, schedule, zone, body, yaml.String(map, "text_en", required: false)));
            }
        }
        return reminders;
    }
}

using System.Globalization;

namespace Reporting.Domain;

/// <summary>
/// What the service says to a caller, in the three languages it answers in: a composite format (<c>{0}</c>, …) per
/// language. The templates are the fields of <see cref="Texts"/>; a template is its own id.
/// </summary>
public sealed class MessageTemplate(string en, string nl, string fr)
{
    public string In(ReportLanguage language) => language switch
    {
        ReportLanguage.Nl => nl,
        ReportLanguage.Fr => fr,
        _ => en,
    };

    /// <summary>This template with its arguments; an argument that is a <see cref="Message"/> is said in the same language.</summary>
    public Message With(params object?[] args) => new(this, args);

    public static implicit operator Message(MessageTemplate template) => new(template, []);

    public Message ToMessage() => this;
}

/// <summary>
/// A message to a caller, not yet in words: its template and its arguments. The core says what is wrong; the HTTP
/// edge says it in the language the caller asked for (<see cref="In"/>).
/// </summary>
public sealed class Message(MessageTemplate template, IReadOnlyList<object?> args)
{
    public MessageTemplate Template { get; } = template;

    public IReadOnlyList<object?> Args { get; } = args;

    public string In(ReportLanguage language)
    {
        var text = Template.In(language);
        if (Args.Count == 0)
        {
            return text;
        }
        var args = Args.Select(a => a is Message m ? m.In(language) : a).ToArray();
        return string.Format(CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>The message in English, for logs and for tests that read it.</summary>
    public override string ToString() => In(ReportLanguage.En);
}

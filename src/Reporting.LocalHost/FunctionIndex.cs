using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Reporting.LocalHost;

internal enum TriggerKind
{
    Http,
    Timer,
    Queue,
}

/// <summary>
/// One function of the app as the local host runs it, read from its attributes as the Functions SDK reads them:
/// its trigger, and for HTTP its methods and route (below <c>/api</c>), for a timer its schedule, for a queue
/// function its queue (both with <c>%setting%</c> resolved from configuration).
/// </summary>
internal sealed record LocalFunction(string Name, TriggerKind Trigger, MethodInfo Method, string[] HttpMethods, string? Route, string? Schedule, string? Queue)
{
    public Type Type => Method.DeclaringType!;

    /// <summary>The trigger as <c>functions.metadata</c> spells it, before settings are resolved.</summary>
    public string? DeclaredSchedule { get; init; }

    public string? DeclaredQueue { get; init; }
}

/// <summary>Finds every <c>[Function]</c> method of an assembly, and checks that the local host can bind each parameter.</summary>
internal static partial class FunctionIndex
{
    public const string RoutePrefix = "api";

    public static IReadOnlyList<LocalFunction> Of(Assembly assembly, IConfiguration configuration)
    {
        var functions = new List<LocalFunction>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }
                functions.Add(Describe(function.Name, method, configuration));
            }
        }
        var twice = functions.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"Two functions are named {twice.Key}.");
        }
        return [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static LocalFunction Describe(string name, MethodInfo method, IConfiguration configuration)
    {
        LocalFunction? found = null;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                Require(name, parameter, typeof(HttpRequest));
                found = new LocalFunction(name, TriggerKind.Http, method,
                    [.. (http.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())], http.Route ?? name, null, null);
            }
            else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                Require(name, parameter, typeof(TimerInfo));
                found = new LocalFunction(name, TriggerKind.Timer, method, [], null, Resolve(timer.Schedule, configuration), null) { DeclaredSchedule = timer.Schedule };
            }
            else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                Require(name, parameter, typeof(string));
                found = new LocalFunction(name, TriggerKind.Queue, method, [], null, null, Resolve(queue.QueueName, configuration)) { DeclaredQueue = queue.QueueName };
            }
        }
        if (found is null)
        {
            throw new InvalidOperationException($"Function {name} has a trigger the local host does not run.");
        }
        foreach (var parameter in method.GetParameters())
        {
            var bindable = parameter.ParameterType == typeof(CancellationToken)
                || parameter.GetCustomAttributes().Any(a => a is HttpTriggerAttribute or TimerTriggerAttribute or QueueTriggerAttribute)
                || (found.Trigger == TriggerKind.Http && parameter.ParameterType == typeof(string) && (found.Route!.Contains("{" + parameter.Name + "}", StringComparison.Ordinal)
                        || found.Route.Contains("{*" + parameter.Name + "}", StringComparison.Ordinal)));
            if (!bindable)
            {
                throw new InvalidOperationException($"Function {name}: the local host cannot bind parameter {parameter.Name}.");
            }
        }
        if (method.ReturnType != typeof(Task) && method.ReturnType != typeof(Task<IResult>))
        {
            throw new InvalidOperationException($"Function {name} returns {method.ReturnType.Name}; the local host runs Task (timers, queues) and Task<IResult> (HTTP).");
        }
        return found;
    }

    private static void Require(string name, ParameterInfo parameter, Type type)
    {
        if (parameter.ParameterType != type)
        {
            throw new InvalidOperationException($"Function {name}: its trigger parameter is {parameter.ParameterType.Name}; the local host binds {type.Name}.");
        }
    }

    /// <summary>Replaces every <c>%setting%</c> with the setting's value, as the host does; a missing setting is an error, as there.</summary>
    public static string Resolve(string text, IConfiguration configuration) => Setting().Replace(text, match =>
        configuration[match.Groups[1].Value] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The app setting {match.Groups[1].Value} is not set (in {text})."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Setting();
}

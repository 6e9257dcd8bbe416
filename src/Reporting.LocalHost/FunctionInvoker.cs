using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;

namespace Reporting.LocalHost;

/// <summary>
/// Invokes a function as the worker does: a new instance of its class from the scope's services (constructor
/// injection), its trigger's value, its route values by name and a cancellation token.
/// </summary>
internal static class FunctionInvoker
{
    public static async Task<IResult?> InvokeAsync(LocalFunction function, IServiceProvider services, object trigger, Func<string, string?>? routeValue, CancellationToken cancellationToken)
    {
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, function.Type);
        var arguments = function.Method.GetParameters().Select(p =>
            p.ParameterType == typeof(CancellationToken) ? cancellationToken
            : p.GetCustomAttributes().Any(a => a is HttpTriggerAttribute or TimerTriggerAttribute or QueueTriggerAttribute) ? trigger
            : routeValue?.Invoke(p.Name!)).ToArray();
        Task task;
        try
        {
            task = (Task)function.Method.Invoke(instance, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        await task;
        return task is Task<IResult> http ? http.Result : null;
    }
}

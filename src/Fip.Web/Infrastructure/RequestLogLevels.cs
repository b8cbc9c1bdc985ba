using Serilog.Events;

namespace Fip.Web.Infrastructure;

/// <summary>
/// The level of the one-line request log (Serilog's request logging, which sees exceptions before the error handler turns
/// them into answers). A request the client gave up on, or one the server could not bind, is not a server error.
/// </summary>
public static class RequestLogLevels
{
    public static LogEventLevel For(HttpContext context, double elapsedMs, Exception? exception) => exception switch
    {
        // Aborted by the client: the error handler answers 499 (logged at Debug); no 500 line, no error.
        OperationCanceledException or IOException when context.RequestAborted.IsCancellationRequested => LogEventLevel.Verbose,
        // Unreadable body or parameter: ApiBadRequestHandler answers 400 and logs it at Information.
        BadHttpRequestException => LogEventLevel.Verbose,
        not null => LogEventLevel.Error,
        _ => context.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information,
    };
}

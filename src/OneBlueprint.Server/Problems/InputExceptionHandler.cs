using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Problems;

/// <summary>
/// The one place exceptions become HTTP answers. Bad input is the client's to fix (4xx with the location);
/// anything else is ours (500 with a trace id, details only in the log).
/// </summary>
public sealed class InputExceptionHandler(IProblemDetailsService problems, ILogger<InputExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails? details = exception switch
        {
            InputException input => ProblemMapping.ToProblemDetails(input, http.Request.Path),
            CrsException crs => ProblemMapping.ToProblemDetails(new InputException(InputProblem.Error(
                "crs", crs.Message, null, "Give the coordinates' EPSG code (crs=EPSG:N) or configure the datum transformation."), 422), http.Request.Path),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Input too large" : "Bad request",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this endpoint accepts; split the file or ask an administrator to raise OB_MAX_UPLOAD_MB."
                    : bad.Message,
            },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => new ProblemDetails
            {
                Status = 499, Title = "Client closed request",
            },
            _ => null,
        };
        if (details is null) return false;
        if (details.Status >= 500) log.LogWarning(exception, "request failed");
        http.Response.StatusCode = details.Status ?? 400;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }
}

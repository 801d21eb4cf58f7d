using System.Text.Json;
using Cyclone.Hub.Workflows;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Cyclone.Hub.Api;

/// <summary>
/// Answers an invalid workflow or event with 400 problem details listing every problem (in
/// <c>errors</c>, keyed by where each is, and in <c>problems</c>, in order), and a missing thing with 404.
/// </summary>
internal sealed class DomainExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case WorkflowInvalidException invalid:
                var errors = invalid.Problems.GroupBy(p => p.Where, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
                problem = new ValidationProblemDetails(errors)
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = invalid.Title,
                    Detail = $"{invalid.Problems.Count} problem(s); nothing was stored",
                };
                problem.Extensions["problems"] = invalid.Problems.Select(p => new { where = p.Where, message = p.Message }).ToList();
                break;
            case Security.NotOwnerException notOwner:
                problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = notOwner.Message };
                break;
            case ConflictException conflict:
                problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Message };
                break;
            case Cyclone.Storage.Contract.StoreFullException full:
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status507InsufficientStorage,
                    Title = "The hub's store is full",
                    Detail = $"{full.Message}. Nothing of this request was stored; the hub goes on once its data directory has space again.",
                };
                break;
            case KeyNotFoundException missing:
                problem = new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = missing.Message };
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        await httpContext.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }
}

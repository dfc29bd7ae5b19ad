using System.Net;
using Flint.Testing;

namespace Flint.Gateway.Tests.Scaling;

/// <summary>
/// Two functions, the same image, told apart only by <c>WHO</c>: under hundreds of simultaneous
/// single-use cold starts, every answer must come from the function that was called. The test server
/// binds its port with SO_REUSEPORT when it is not handed a socket, so two instances given the same
/// port would share it and answer for each other.
/// </summary>
[Collection(typeof(ChildProcessCounting))]
public sealed class InstanceIdentityTests : IAsyncLifetime
{
    private const int RequestsPerRound = 200;
    private const int Rounds = 3;
    private readonly TempDirectory _data = new("flint-gateway");
    private RunningGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RunningGateway.StartAsync(_data.Path);

    [Theory]
    [InlineData("process")]
    [InlineData("crun")]
    public async Task Invoke_SimultaneousColdStartsOfTwoFunctions_EveryAnswerComesFromTheCalledFunction(string runtime)
    {
        await _gateway.RequireRuntimeAsync(runtime);
        var image = await NativeTestFunctions.NamesItselfAsync();
        foreach (var who in new[] { "A", "B" })
        {
            await _gateway.DeployAsync($"who-{who.ToLowerInvariant()}", image, new { runtime, env = new Dictionary<string, string> { ["WHO"] = who }, maxInstances = RequestsPerRound, timeout = "120s" });
        }

        using var client = new HttpClient { BaseAddress = _gateway.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var wrong = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, RequestsPerRound).Select(async i =>
            {
                var who = i % 2 == 0 ? "A" : "B";
                using var response = await client.GetAsync($"/function/who-{who.ToLowerInvariant()}/", TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                return (Who: who, response.StatusCode, Body: body);
            }));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            wrong.AddRange(answers.Where(a => !a.Body.StartsWith($"WHO={a.Who} ", StringComparison.Ordinal)).Select(a => $"called {a.Who}, answered {a.Body.Trim()}"));
        }

        Assert.Empty(wrong);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}

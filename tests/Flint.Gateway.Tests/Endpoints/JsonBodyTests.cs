using System.Text;
using Flint.Gateway.Endpoints;
using Flint.Gateway.Endpoints.Deploy;
using Microsoft.AspNetCore.Http;

namespace Flint.Gateway.Tests.Endpoints;

public sealed class JsonBodyTests
{
    [Fact]
    public async Task ReadAsync_Object_IsTheValue()
    {
        var (value, error) = await ReadAsync("""{"name":"hello","maxInstances":3}""");

        Assert.Null(error);
        Assert.Equal("hello", value!.Name);
        Assert.Equal(3, value.MaxInstances);
    }

    [Fact]
    public async Task ReadAsync_Null_Is400AskingForAnObject()
    {
        Assert.Equal(Invalid("the request body must be a JSON object"), (await ReadAsync("null")).Error);
    }

    [Fact]
    public async Task ReadAsync_UnknownField_Is400NamingItAndWhereItIs()
    {
        Assert.Equal(Invalid("unknown field 'colour' (line 2, byte 11)"), (await ReadAsync("{\"name\":\"x\",\n \"colour\":\"blue\"}")).Error);
    }

    [Fact]
    public async Task ReadAsync_FieldOfTheWrongType_Is400NamingTheField()
    {
        Assert.Equal(
            Invalid("field 'maxInstances' has the wrong type (line 1, byte 23): see the API's description of a deploy spec"),
            (await ReadAsync("""{"maxInstances":"many"}""")).Error);
    }

    [Fact]
    public async Task ReadAsync_BrokenInsideAField_Is400NamingTheField()
    {
        Assert.Equal(Invalid("the request body is not valid JSON at field 'limits' (line 1, byte 12)"), (await ReadAsync("""{"limits":{,}}""")).Error);
    }

    [Fact]
    public async Task ReadAsync_BrokenAtTheTop_Is400WithoutAField()
    {
        Assert.Equal(Invalid("the request body is not valid JSON (line 1, byte 2)"), (await ReadAsync("{not json")).Error);
    }

    [Fact]
    public async Task ReadAsync_BodyPastTheServersLimit_Is413()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new RefusingStream(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge));

        var (_, error) = await JsonBody.ReadAsync<DeployRequest>(context.Request);

        Assert.Equal(new ApiError(StatusCodes.Status413PayloadTooLarge, "the request body is larger than the gateway accepts"), error);
    }

    [Fact]
    public async Task ReadAsync_OtherBadRequest_IsNotTakenForA413()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new RefusingStream(new BadHttpRequestException("unexpected end", StatusCodes.Status400BadRequest));

        await Assert.ThrowsAsync<BadHttpRequestException>(() => JsonBody.ReadAsync<DeployRequest>(context.Request));
    }

    private static ApiError Invalid(string message) => new(StatusCodes.Status400BadRequest, message);

    private static Task<(DeployRequest? Value, ApiError? Error)> ReadAsync(string json)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return JsonBody.ReadAsync<DeployRequest>(context.Request);
    }
}

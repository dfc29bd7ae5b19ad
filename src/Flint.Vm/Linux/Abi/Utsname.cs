namespace Flint.Vm.Linux.Abi;

/// <summary><c>struct utsname</c>: six NUL-padded 65-byte fields.</summary>
internal static class Utsname
{
    public const int FieldLength = 65;
    public const int Size = FieldLength * 6;

    public static byte[] Encode(params string[] fields)
    {
        var bytes = new byte[Size];
        for (var i = 0; i < Math.Min(fields.Length, 6); i++)
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(fields[i]);
            utf8.AsSpan(0, Math.Min(utf8.Length, FieldLength - 1)).CopyTo(bytes.AsSpan(i * FieldLength));
        }

        return bytes;
    }
}

using Azure;

namespace Reporting.Storage;

public static class StorageErrors
{
    /// <summary>
    /// Whether an error says that a table or container that was set up is gone. Storage has already been told to set
    /// it up again on its next use (<see cref="MissingSetupPolicy"/>): the request can be sent again.
    /// </summary>
    public static bool IsMissingSetup(Exception exception) =>
        exception is RequestFailedException { ErrorCode: { } code } && MissingSetupPolicy.Codes.Contains(code);
}

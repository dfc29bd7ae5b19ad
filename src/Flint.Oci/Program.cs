using Flint.Oci.Cli;

return OciCli.Run(args);

import ClusterMatchCLI

await CommandLineTool.main()

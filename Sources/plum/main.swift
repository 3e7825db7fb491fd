import PlumCLI

PlumCommand.main()

import BounceCLI

BounceCommand.main()

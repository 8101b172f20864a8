from walletwatch.cli import main

main()

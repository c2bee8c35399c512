from mtcheck.cli.app import main

raise SystemExit(main())

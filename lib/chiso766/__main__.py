from chiso766.cli import main

raise SystemExit(main())

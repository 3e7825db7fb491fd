/// The PlumChecker module; see docs/architecture.md for where it sits among the phases.
enum PlumCheckerModule {}

/// The `plum` command line: parses arguments and hands off to one command.
public enum PlumCommand {
  /// Runs the command line with the process arguments and exits with its status.
  public static func main() {
    print("plum")
  }
}

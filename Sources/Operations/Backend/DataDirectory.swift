/// Where the database lives: `--data DIR`, else `$RAGOPS_DATA`, else
/// `$XDG_DATA_HOME/ragops`, else `~/.local/share/ragops`.
public enum DataDirectory {
  /// Resolves the data directory from an explicit choice and the environment.
  public static func resolve(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let configured = environment["RAGOPS_DATA"], !configured.isEmpty { return configured }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/ragops" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
    return home + "/.local/share/ragops"
  }
}

import Model
import Operations

/// Tab completion for the `:` line and the filter bar: command words, collection names and
/// payload keys.
enum CommandCompleter {
  /// A completed line and the candidates it chose among.
  struct Completion: Hashable {
    /// The line after completion.
    var text: String
    /// Every candidate for the word, when there was more than one.
    var candidates: [String]
  }

  /// Completes the last word of `text`.
  ///
  /// In a command line the first words complete to command and subcommand names (from the
  /// command tree), a word after `--filter` or containing `:` to payload keys, any other word
  /// to collection names. In the filter bar every word completes to payload keys (keeping a
  /// leading `!`). One candidate is inserted with a space after it; several extend the word
  /// to their common prefix and are listed.
  ///
  /// - Complexity: O(n) in the number of candidates.
  static func complete(_ text: String, isFilter: Bool, collections: [String], payloadKeys: [String]) -> Completion {
    var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    let current = words.popLast() ?? ""
    var prefix = current
    var lead = ""
    let pool: [String]
    if isFilter || words.last == "--filter" {
      if prefix.hasPrefix("!") {
        lead = "!"
        prefix.removeFirst()
      }
      pool = payloadKeys.map { $0 + ":" }
    } else if let node = commandNode(for: words.filter { !$0.isEmpty }) {
      pool = node
    } else {
      pool = collections
    }
    let matches = Array(Set(pool.filter { $0.hasPrefix(prefix) })).sorted()
    let head = words.isEmpty ? "" : words.joined(separator: " ") + " "
    guard let first = matches.first else { return Completion(text: text, candidates: []) }
    if matches.count == 1 {
      let space = first.hasSuffix(":") ? "" : " "
      return Completion(text: head + lead + first + space, candidates: [])
    }
    var common = first
    for match in matches.dropFirst() {
      while !match.hasPrefix(common) { common.removeLast() }
    }
    return Completion(text: head + lead + (common.count > prefix.count ? common : prefix), candidates: matches)
  }

  /// The subcommand names after `words`, or `nil` when `words` already name a leaf command.
  static func commandNode(for words: [String]) -> [String]? {
    OperatorCommands.subcommandNames(after: words).map { $0 + (words.isEmpty ? ["help"] : []) }
  }
}

import Model
/// Turns a submitted form into a line of the operator language, so the console creates
/// collections and schedules through the same parser and checks as `--batch`.
enum FormCommand {
  /// The command line for `form`, or what is missing.
  static func command(for form: FormModel) -> Result<String, FormProblem> {
    switch form.kind {
    case .createCollection:
      let name = form.value("Name")
      guard !name.isEmpty else { return .failure(FormProblem("a name is required")) }
      guard Int(form.value("Dimension")) != nil else {
        return .failure(FormProblem("the dimension must be a number, e.g. 384"))
      }
      return .success(
        [
          "collection", "create", quoted(name), "--dim", form.value("Dimension"), "--distance",
          quoted(form.value("Distance")), "--storage", quoted(form.value("Storage")), "--m",
          quoted(form.value("HNSW m")),
          "--ef-construct", quoted(form.value("ef_construct")),
        ].joined(separator: " "))
    case .schedule:
      let name = form.value("Name")
      guard !name.isEmpty else { return .failure(FormProblem("a name is required")) }
      let frequency = form.value("Frequency")
      let time = form.value("Start UTC")
      let words = frequency.split(separator: " ").map(String.init)
      var command = ["schedule", "set", quoted(name)]
      switch words.first?.lowercased() {
      case "daily": command += ["--daily", quoted(time)]
      case "hourly":
        let minute = time.split(separator: ":").last.map(String.init) ?? "0"
        command += ["--cron", quoted("\(Int(minute) ?? 0) * * * *")]
      case "weekly":
        guard words.count == 2 else { return .failure(FormProblem("weekly needs a day, e.g. weekly MON")) }
        command += ["--weekly", quoted(words[1]), quoted(time)]
      case nil: return .failure(FormProblem("a frequency is required: hourly, daily, weekly MON or cron"))
      default: command += ["--cron", quoted(frequency)]
      }
      let retention = form.value("Retention days")
      if !retention.isEmpty { command += ["--retention-days", quoted(retention)] }
      let scope = form.value("Scope")
      if !scope.isEmpty, scope != "all" { command += ["--collection", quoted(scope)] }
      return .success(command.joined(separator: " "))
    }
  }

  /// `text`, in double quotes when it holds anything the tokenizer would split or unescape.
  static func quoted(_ text: String) -> String {
    let plain = !text.isEmpty && text.allSatisfy { !$0.isWhitespace && !"\"'\\#".contains($0) }
    guard !plain else { return text }
    return "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
  }
}

extension String {
  /// The string with every `target` replaced.
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}

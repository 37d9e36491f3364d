/// Scroll arithmetic shared by the list-like widgets.
enum Scrolling {
  /// The first item to show so that `selected` is visible among `visible` items, moving
  /// `offset` as little as possible and never leaving space after the last item.
  static func offset(_ offset: Int, keeping selected: Int?, visible: Int, count: Int) -> Int {
    guard visible > 0, count > 0 else { return 0 }
    var offset = offset
    if let selected {
      if selected < offset { offset = selected }
      if selected >= offset + visible { offset = selected - visible + 1 }
    }
    return min(max(0, offset), max(0, count - visible))
  }
}

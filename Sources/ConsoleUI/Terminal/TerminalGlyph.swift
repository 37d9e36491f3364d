/// What to send to curses for one cell so that curses, the terminal and the surface agree on
/// its width.
///
/// The surface measures with ``DisplayWidth``; curses moves its cursor by libc's `wcwidth`.
/// Where they disagree (an emoji made wide by U+FE0F, which glibc counts as narrow), sending
/// the grapheme as is would shift the rest of the row on screen. So the cell is sent as its
/// first scalar plus blank padding up to the surface's width, and anything libc cannot print
/// in this locale becomes `?`. Extra scalars that are not combining marks (the parts of a
/// ZWJ sequence after the first) are dropped: one cell holds one spacing character.
struct TerminalGlyph: Hashable {
  /// The scalars for one `cchar_t`: a spacing character, then combining marks.
  var scalars: [UInt32]
  /// Blank cells to write after it, so that it covers the surface cell's width.
  var padding: Int

  /// Adapts a surface cell's grapheme of `width` columns.
  ///
  /// - Parameters:
  ///   - grapheme: The cell's grapheme.
  ///   - width: The cell's width on the surface, 1 or 2.
  ///   - capacity: The most scalars one curses cell holds (`CCHARW_MAX`).
  ///   - libcWidth: libc's `wcwidth` in the current locale.
  /// - Returns: What to send to curses.
  static func adapt(
    _ grapheme: Character, width: Int, capacity: Int, libcWidth: (UInt32) -> Int
  ) -> TerminalGlyph {
    let scalars = grapheme.unicodeScalars
    guard let first = scalars.first else {
      return TerminalGlyph(scalars: [0x20], padding: width - 1)
    }
    if scalars.count == 1, first.value >= 0x20, first.value < 0x7F {
      return TerminalGlyph(scalars: [first.value], padding: 0)
    }
    let baseWidth = libcWidth(first.value)
    if baseWidth <= 0 || baseWidth > width {
      return TerminalGlyph(scalars: [0x3F], padding: width - 1)
    }
    if baseWidth < width {
      return TerminalGlyph(scalars: [first.value], padding: width - baseWidth)
    }
    var kept = [first.value]
    for scalar in scalars.dropFirst() where kept.count < capacity && libcWidth(scalar.value) == 0 {
      kept.append(scalar.value)
    }
    return TerminalGlyph(scalars: kept, padding: 0)
  }
}

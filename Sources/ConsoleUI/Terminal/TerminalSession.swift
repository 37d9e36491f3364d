import CNCursesW
import Foundation
import Glibc

/// The curses session on the controlling terminal: the only place that talks to curses.
///
/// It takes the terminal over (``open(_:)``), draws ``Surface`` frames (``flush(_:theme:)``),
/// decodes input into ``Key`` values (``readKey(timeoutMilliseconds:)``) and gives the
/// terminal back (``close()``) — also when the process dies of a signal, so the user's shell
/// is never left in raw mode. It talks to `/dev/tty`, not stdin and stdout, so those stay free
/// for pipes; `--batch` never creates one.
///
/// curses is not thread-safe: a session is used from the main actor only.
@MainActor
public final class TerminalSession {
  /// How to open the terminal.
  public struct Options: Hashable, Sendable {
    /// Whether to report mouse clicks and the wheel from the start (`--mouse`).
    public var mouse: Bool
    /// Whether to draw without colour (`NO_COLOR` chose the theme): ``ColorDepth/mono``.
    public var colorDisabled: Bool
    /// The environment (`COLORTERM`, `ESCDELAY`).
    public var environment: [String: String]

    /// Creates options.
    public init(mouse: Bool = false, colorDisabled: Bool = false, environment: [String: String]) {
      self.mouse = mouse
      self.colorDisabled = colorDisabled
      self.environment = environment
    }
  }

  /// The terminal's size.
  public private(set) var size: Size
  /// The colour depth the surface is drawn at.
  public let colorDepth: ColorDepth
  /// Whether the locale's character set is UTF-8 (otherwise draw ASCII borders).
  public let isUTF8: Bool
  /// Whether mouse events are reported.
  public private(set) var isMouseEnabled = false

  private let screen: OpaquePointer
  private let input: UnsafeMutablePointer<FILE>
  private let output: UnsafeMutablePointer<FILE>
  private var pairs: ColorPairCache
  private let cellCapacity = Int(cnc_cchar_capacity())
  private var isOpen = true

  /// Takes over the controlling terminal.
  ///
  /// Sets the locale from the environment (for wide characters), opens `/dev/tty`, and puts
  /// curses in raw mode with keypad decoding, a 25 ms Esc delay (unless `$ESCDELAY` says
  /// otherwise), default-colour support and the cursor hidden.
  ///
  /// - Throws: ``TerminalError`` when there is no terminal or its type is unknown.
  public static func open(_ options: Options) throws(TerminalError) -> TerminalSession {
    setlocale(LC_ALL, "")
    guard let output = fopen("/dev/tty", "w") else {
      throw TerminalError(
        .noTerminal, "no terminal to draw on (/dev/tty cannot be opened); use --batch for scripts")
    }
    guard let input = fopen("/dev/tty", "r") else {
      fclose(output)
      throw TerminalError(
        .noTerminal, "no terminal to read keys from (/dev/tty cannot be opened); use --batch")
    }
    guard let screen = newterm(nil, output, input) else {
      fclose(input)
      fclose(output)
      let type = options.environment["TERM"].map { "'\($0)'" } ?? "(TERM is not set)"
      throw TerminalError(
        .unknownTerminalType, "unknown terminal type \(type); set TERM, e.g. TERM=xterm-256color")
    }
    return TerminalSession(screen: screen, input: input, output: output, options: options)
  }

  private init(
    screen: OpaquePointer, input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>,
    options: Options
  ) {
    self.screen = screen
    self.input = input
    self.output = output
    _ = set_term(screen)
    cnc_restore_terminal_on_fatal_signals()
    if options.environment["ESCDELAY"] == nil { _ = set_escdelay(25) }
    _ = raw()
    _ = noecho()
    _ = nonl()
    _ = keypad(cnc_stdscr(), true)
    _ = curs_set(0)
    for (sequence, code) in Self.extraKeySequences { _ = define_key(sequence, code) }

    var colors = 0
    if !options.colorDisabled && has_colors() {
      _ = start_color()
      _ = use_default_colors()
      colors = Int(cnc_colors())
    }
    let depth = ColorDepth.detect(
      colors: colors, colorTerm: options.environment["COLORTERM"],
      canChangeColor: colors > 0 && can_change_color(), noColor: options.colorDisabled)
    self.colorDepth = depth
    let rgbMode: ColorPairCache.RGBMode =
      depth < .trueColor ? .none : (colors >= 0x1_000_000 ? .direct : .palette)
    self.pairs = ColorPairCache(rgbMode: rgbMode, colorCount: colors)
    self.isUTF8 = cnc_locale_is_utf8() != 0
    self.size = Size(width: Int(cnc_cols()), height: Int(cnc_lines()))
    if options.mouse { setMouse(true) }
  }

  /// Escape sequences some terminals send for Home and End that their terminfo entry lacks.
  private static let extraKeySequences: [(String, Int32)] = [
    ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
    ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME),
    ("\u{1B}[8~", KEY_END),
  ]

  /// Gives the terminal back.
  ///
  /// Leaves curses mode and closes `/dev/tty`. Safe to call twice.
  public func close() {
    guard isOpen else { return }
    isOpen = false
    if isMouseEnabled { _ = mousemask(0, nil) }
    _ = endwin()
    delscreen(screen)
    fclose(input)
    fclose(output)
  }

  isolated deinit {
    close()
  }

  /// Switches mouse reporting (left button, right button, wheel) on or off.
  ///
  /// While it is on, the terminal's own text selection needs Shift-drag.
  public func setMouse(_ enabled: Bool) {
    guard isOpen else { return }
    let mask =
      enabled
      ? cnc_button1_pressed() | cnc_button1_released() | cnc_button3_pressed()
        | cnc_button4_pressed() | cnc_button5_pressed()
      : 0
    _ = mousemask(mask, nil)
    _ = mouseinterval(0)
    isMouseEnabled = enabled
  }

  /// Draws `surface`, styled by `theme`, and updates the terminal.
  ///
  /// Every cell is written (curses sends only what changed); continuation cells are skipped,
  /// as curses fills them itself. A surface larger than the terminal is cut, and around a
  /// smaller one the screen is blank; the surface's cursor, when set and on screen, is shown
  /// there, otherwise the cursor is hidden.
  ///
  /// - Complexity: O(width × height).
  public func flush(_ surface: Surface, theme: ResolvedTheme) {
    guard isOpen else { return }
    let window = cnc_stdscr()
    let width = min(surface.size.width, Int(cnc_cols()))
    let height = min(surface.size.height, Int(cnc_lines()))
    if surface.size != Size(width: Int(cnc_cols()), height: Int(cnc_lines())) {
      // A frame drawn for another size would leave stale cells around it.
      _ = werase(window)
    }
    var cell = cchar_t()
    var text: [wchar_t] = []
    text.reserveCapacity(cellCapacity + 1)
    for y in 0..<height {
      var x = 0
      while x < width {
        let source = surface[x, y]
        defer { x += max(1, source.width) }
        if source.isContinuation { continue }
        let style = theme[source.style]
        let pair = pairs.pair(foreground: style.foreground, background: style.background)
        let attributes = Self.attributes(style.attributes)
        let fits = x + source.width <= width
        let glyph =
          fits
          ? TerminalGlyph.adapt(
            source.grapheme, width: source.width, capacity: cellCapacity,
            libcWidth: { Int(cnc_wcwidth($0)) })
          : TerminalGlyph(scalars: [0x20], padding: 0)
        text.removeAll(keepingCapacity: true)
        for scalar in glyph.scalars { text.append(wchar_t(bitPattern: scalar)) }
        text.append(0)
        _ = cnc_setcchar(&cell, text, attributes, pair)
        // Writing the bottom-right cell returns ERR (the cursor cannot advance) but draws it.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
        if glyph.padding > 0 {
          _ = cnc_setcchar(&cell, [0x20, 0], attributes, pair)
          for offset in 1...glyph.padding where x + offset < width {
            _ = mvwadd_wch(window, Int32(y), Int32(x + offset), &cell)
          }
        }
      }
    }
    if let cursor = surface.cursor, cursor.x < width, cursor.y < height, cursor.x >= 0,
      cursor.y >= 0
    {
      _ = curs_set(1)
      _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
    } else {
      _ = curs_set(0)
    }
    _ = wnoutrefresh(window)
    _ = doupdate()
  }

  /// Waits up to `timeoutMilliseconds` for input and decodes it.
  ///
  /// - Parameter timeoutMilliseconds: How long to wait; 0 polls, a negative value waits
  ///   until input arrives.
  /// - Returns: The key, mouse event or resize, or `nil` when the time ran out or the input
  ///   meant nothing (an unbound control character, an unreported mouse event).
  public func readKey(timeoutMilliseconds: Int) -> Key? {
    guard isOpen else { return nil }
    let window = cnc_stdscr()
    wtimeout(window, Int32(clamping: timeoutMilliseconds))
    var value: wint_t = 0
    let status = wget_wch(window, &value)
    let raw: KeyDecoder.Raw
    switch status {
    case OK: raw = .character(UInt32(value))
    case KEY_CODE_YES: raw = .keyCode(Int32(bitPattern: UInt32(value)))
    default: return nil
    }
    return KeyDecoder.decode(
      raw,
      size: {
        size = Size(width: Int(cnc_cols()), height: Int(cnc_lines()))
        return size
      },
      mouse: { readMouse() })
  }

  /// The pending mouse event, in the console's terms.
  private func readMouse() -> MouseEvent? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let position = Point(x: Int(event.x), y: Int(event.y))
    let buttons = event.bstate
    if buttons & cnc_button4_pressed() != 0 { return MouseEvent(.wheelUp, at: position) }
    if buttons & cnc_button5_pressed() != 0 { return MouseEvent(.wheelDown, at: position) }
    if buttons & (cnc_button1_pressed() | cnc_button1_clicked()) != 0 {
      return MouseEvent(.leftPress, at: position)
    }
    if buttons & cnc_button1_released() != 0 { return MouseEvent(.leftRelease, at: position) }
    if buttons & cnc_button3_pressed() != 0 { return MouseEvent(.rightPress, at: position) }
    return nil
  }

  /// Gives the terminal to `body` (an editor), then takes it back and redraws.
  ///
  /// curses leaves its mode for the duration (`def_prog_mode`, `endwin`), so the program
  /// `body` runs sees an ordinary terminal.
  public func runOutside<Result>(_ body: () throws -> Result) rethrows -> Result {
    guard isOpen else { return try body() }
    _ = def_prog_mode()
    _ = endwin()
    defer {
      _ = reset_prog_mode()
      _ = clearok(cnc_stdscr(), true)
      _ = refresh()
    }
    return try body()
  }

  /// Puts `text` on the clipboard of the user's terminal with OSC 52, wrapped for tmux's
  /// passthrough when `insideTmux`; works over SSH as well.
  public func copyToClipboard(_ text: String, insideTmux: Bool) {
    guard isOpen else { return }
    var sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    if insideTmux {
      sequence = "\u{1B}Ptmux;" + sequence.replacingOccurrencesOfEscape() + "\u{1B}\\"
    }
    fputs(sequence, output)
    fflush(output)
  }

  private static func attributes(_ attributes: TextAttributes) -> attr_t {
    var result = cnc_attr_normal()
    if attributes.contains(.bold) { result |= cnc_attr_bold() }
    if attributes.contains(.dim) { result |= cnc_attr_dim() }
    if attributes.contains(.italic) { result |= cnc_attr_italic() }
    if attributes.contains(.underline) { result |= cnc_attr_underline() }
    if attributes.contains(.reverse) { result |= cnc_attr_reverse() }
    return result
  }
}

// Isolated to the main actor: every use hops there, so curses only ever runs on one thread.
extension TerminalSession: Sendable {}

extension String {
  /// The string with each ESC doubled, as tmux's passthrough wants.
  fileprivate func replacingOccurrencesOfEscape() -> String {
    var result = ""
    for scalar in unicodeScalars {
      if scalar == "\u{1B}" { result += "\u{1B}\u{1B}" } else { result.unicodeScalars.append(scalar) }
    }
    return result
  }
}

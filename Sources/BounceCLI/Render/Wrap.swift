/// Breaking text into lines of a terminal's width: at spaces between words, and between any
/// two Japanese characters except before closing punctuation (、。」） and the like) or after an
/// opening bracket, as Japanese typesetting does.
enum Wrap {
  /// Characters that never start a line.
  static let noBreakBefore: Set<Character> = ["、", "。", "，", "．", "」", "』", "）", "】", "！", "？", "ー", "…", "・", ")", ",", ".", ":", ";", "!", "?"]
  /// Characters that never end a line.
  static let noBreakAfter: Set<Character> = ["「", "『", "（", "【", "("]

  /// `text` in lines of at most `width` columns (a word longer than that gets a line of its
  /// own). Nil width or a width under 20 leaves the text whole.
  static func lines(_ text: String, width: Int?) -> [String] {
    guard let width, width >= 20, displayWidth(text) > width else { return [text] }
    var tokens: [(text: String, width: Int, space: Bool)] = []
    var word = ""
    var space = false
    var glue = false
    func flush() {
      guard !word.isEmpty else { return }
      push(word)
      word = ""
    }
    func push(_ piece: String) {
      let joins = glue || (piece.first.map(noBreakBefore.contains) ?? false) && !space
      if joins, !tokens.isEmpty {
        // Appended in place: a long run of glued characters (「「「…) stays linear.
        tokens[tokens.count - 1].text += piece
        tokens[tokens.count - 1].width += displayWidth(piece)
      } else {
        tokens.append((piece, displayWidth(piece), space))
      }
      space = false
      glue = piece.last.map(noBreakAfter.contains) ?? false
    }
    for ch in text {
      if ch == " " {
        flush()
        space = true
        glue = false
      } else if displayWidth(String(ch)) > 1 {
        flush()
        push(String(ch))
      } else if noBreakAfter.contains(ch) {
        flush()
        word.append(ch)
      } else {
        word.append(ch)
      }
    }
    flush()

    var out: [String] = []
    var line = ""
    var used = 0
    for token in tokens {
      let gap = token.space && !line.isEmpty ? 1 : 0
      if !line.isEmpty, used + gap + token.width > width {
        out.append(line)
        line = token.text
        used = token.width
        continue
      }
      line += (gap == 1 ? " " : "") + token.text
      used += gap + token.width
    }
    if !line.isEmpty { out.append(line) }
    return out
  }
}

@testable import ConsoleUI

/// Feeds keys to the reducer as the run loop would; returns the final state and every effect.
func press(_ state: AppState, _ keys: Key...) -> (AppState, [Effect]) {
  var state = state
  var effects: [Effect] = []
  for key in keys {
    let (next, more) = AppReducer.reduce(state, .key(key))
    state = next
    effects += more
  }
  return (state, effects)
}

/// Types `text` into whatever has the focus, one character key at a time.
func type(_ state: AppState, _ text: String) -> AppState {
  var state = state
  for character in text { state = AppReducer.reduce(state, .key(.character(character))).0 }
  return state
}

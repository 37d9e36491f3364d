// The ncursesw API as Swift sees it: the wide-character functions switched on, and small inline
// wrappers for what Swift cannot import (function-like macros) or may not touch directly in
// Swift 6 (mutable C globals). Only ConsoleUI/Terminal imports this module.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// pkg-config's -D_XOPEN_SOURCE is refused by SwiftPM, and without it curses.h hides add_wch,
// get_wch, setcchar and cchar_t. Ask for the X/Open extended API here instead.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Attributes (macros in curses.h).
static inline attr_t cnc_attr_normal(void) { return A_NORMAL; }
static inline attr_t cnc_attr_bold(void) { return A_BOLD; }
static inline attr_t cnc_attr_dim(void) { return A_DIM; }
static inline attr_t cnc_attr_italic(void) { return A_ITALIC; }
static inline attr_t cnc_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_attr_reverse(void) { return A_REVERSE; }

// Function keys: KEY_F(n) is a macro.
static inline int cnc_key_f(int n) { return KEY_F(n); }

// Mouse event masks (macros).
static inline mmask_t cnc_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cnc_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cnc_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cnc_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t cnc_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnc_button5_pressed(void) { return BUTTON5_PRESSED; }

// Mutable globals, read through functions so Swift 6 sees no shared mutable state.
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

// The most wide characters one cell holds (a base character plus combining marks).
static inline int cnc_cchar_capacity(void) { return CCHARW_MAX; }

// setcchar with a colour pair above 255, passed through the opts pointer (COLOR_PAIR wraps).
static inline int cnc_setcchar(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair) {
  return setcchar(cell, text, attributes, 0, &pair);
}

// glibc declares wcwidth only under _XOPEN_SOURCE; the terminal layer needs the libc table
// ncurses itself uses, so that its cursor and ours agree.
extern int wcwidth(wchar_t c);
static inline int cnc_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

// Whether the current locale's character set is UTF-8 (call after setlocale).
static inline int cnc_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

// Restores the terminal when the process dies of a signal, then dies of it as before.
// Raw mode turns Ctrl-C into a key, so these come from kill(1), a crash or a closed terminal.
static void cnc_restore_and_reraise(int signal_number) {
  endwin();
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

static inline void cnc_restore_terminal_on_fatal_signals(void) {
  const int signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = cnc_restore_and_reraise;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
    sigaction(signals[i], &action, NULL);
  }
}

#endif

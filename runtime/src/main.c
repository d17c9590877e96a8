/*===- main.c - C's main for compiled Weft programs -----------------------===*
 *
 * Sets up the runtime, then runs the program's `fn main` (weft_main).
 * `main`'s parameters do not become options yet, so any argument other than
 * --help is an error.
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *program = argc > 0 && argv[0] ? argv[0] : "weft-program";
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      printf("usage: %s\nThis program takes no options yet.\n", program);
      return 0;
    }
    weft_rt_fail("unknown argument '%s' (%s takes no options; see --help)",
                 argv[i], program);
  }
  weft_main();
  /* Lines are flushed as they are printed, so a write error may have
   * happened before this last flush: check the stream's error flag too. */
  if (fflush(stdout) != 0 || ferror(stdout))
    weft_rt_fail("cannot write the program's output");
  return 0;
}

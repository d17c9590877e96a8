/* The smallest program: weft_main prints a line without flushing; the
 * runtime's main must flush it. With $FLUSH set it flushes the line itself,
 * as weft_rt_print_newline does, so that a write error happens before main's
 * last flush. */
#include <stdio.h>
#include <stdlib.h>

void weft_main(void) {
  printf("hello from weft_main\n");
  if (getenv("FLUSH"))
    fflush(stdout);
}

/* The smallest program: weft_main prints a line without flushing; the
 * runtime's main must flush it. */
#include <stdio.h>

void weft_main(void) { printf("hello from weft_main\n"); }

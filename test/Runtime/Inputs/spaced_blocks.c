/* Two large blocks from weft_rt_alloc, one after the other (Life's two
 * boards): how far apart they start modulo 4 KiB, in 1 KiB steps rounded
 * down (the heap's block headers add a few bytes). */
#include "weft/runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void weft_main(void) {
  size_t bytes = (size_t)16 << 20;
  char *a = weft_rt_alloc(bytes), *b = weft_rt_alloc(bytes);
  uintptr_t apart = ((uintptr_t)b - (uintptr_t)a) % 4096;
  printf("KiB apart modulo 4 KiB: %u\n", (unsigned)(apart / 1024));
  free(a);
  free(b);
}

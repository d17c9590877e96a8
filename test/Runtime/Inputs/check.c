/* weft_rt_check_extent: passes when the extents agree, otherwise reports
 * the message (with or without a source location) and both extents. */
#include "memref.h"

#include <stdio.h>
#include <stdlib.h>

void weft_main(void) {
  test_memref m;
  weft_rt_check_extent(3, 3, 1, text(&m, "heat.weft:2:5: never shown"));
  printf("equal extents pass\n");
  const char *message = getenv("MESSAGE");
  weft_rt_check_extent(3, 4, 1, text(&m, message));
  printf("unreachable\n");
}

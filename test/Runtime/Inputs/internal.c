/* Misuses of the ABI that compiled programs never make ($CASE picks one),
 * and an allocation too large to succeed: each fails with a message. */
#include "memref.h"

#include <stdio.h>
#include <stdlib.h>

void weft_main(void) {
  const char *c = getenv("CASE");
  test_memref m;
  float data[2] = {1, 2};
  if (strcmp(c, "dtype") == 0) {
    weft_rt_print_array(1, dense(&m, data, 1, (int64_t[]){2}), 99);
  } else if (strcmp(c, "string-rank") == 0) {
    weft_rt_print_text(2, dense(&m, "ab", 2, (int64_t[]){1, 2}));
  } else if (strcmp(c, "dim") == 0) {
    test_memref p;
    weft_rt_npy_dim(1, text(&p, getenv("NPY")), WEFT_F32, 2, 2, -1);
  } else if (strcmp(c, "huge-string") == 0) {
    /* A descriptor claiming 2^62 characters: copying it cannot succeed. */
    weft_rt_print_text(1, dense(&m, "ab", 1, (int64_t[]){(int64_t)1 << 62}));
  }
  printf("unreachable\n");
}

/* Misuses of the ABI that compiled programs never make ($CASE picks one),
 * an allocation too large to succeed, and CUDA errors (as the driver would
 * report them): each fails with a message. */
#include "memref.h"

#include <stdio.h>
#include <stdlib.h>

/* runtime/src/cuda_driver.h: how a CUDA error is reported (the driver's
 * error name and text), which needs no GPU. */
_Noreturn void weft_rt_cuda_fail(const char *operation, const char *name,
                                 const char *text);

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
  } else if (strcmp(c, "cuda-in-kernel") == 0) {
    /* Not NUL-terminated after the location, as in a compiled program. */
    test_memref l;
    int64_t length = 14;
    weft_rt_cuda_launching(1, dense(&l, "heat.weft:3:17 and more", 1, &length));
    weft_rt_cuda_fail("cuStreamSynchronize", "CUDA_ERROR_ILLEGAL_ADDRESS",
                      "an illegal memory access was encountered");
  } else if (strcmp(c, "cuda-on-host") == 0) {
    test_memref l;
    weft_rt_cuda_launching(1, text(&l, "heat.weft:3:17"));
    weft_rt_cuda_launched();
    weft_rt_cuda_fail("cuMemAllocManaged", "CUDA_ERROR_OUT_OF_MEMORY", NULL);
  }
  printf("unreachable\n");
}

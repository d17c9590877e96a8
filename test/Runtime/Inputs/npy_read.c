/* Loads the .npy file $NPY as an array of type $DTYPE (a Weft type name)
 * and rank $RANK the way compiled programs do, then prints it. $EXPECT, a
 * comma-separated list, gives the extents the program expects (-1: any);
 * $READAS, another, replaces the extents of the array handed to
 * weft_rt_npy_read, as if the file had changed since weft_rt_npy_dim. */
#include "memref.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const names[] = {"bool", "i8",  "i16", "i32", "i64",
                                    "u8",   "u16", "u32", "u64", "f16",
                                    "bf16", "f32", "f64"};
static const size_t sizes[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 2, 4, 8};

void weft_main(void) {
  const char *path = getenv("NPY"), *type = getenv("DTYPE");
  const char *expect = getenv("EXPECT");
  int64_t rank = atoll(getenv("RANK"));
  int32_t dtype = 0;
  while (strcmp(names[dtype], type) != 0)
    ++dtype;
  test_memref p, a;
  weft_memref *name = text(&p, path);
  int64_t shape[8], count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t expected = expect ? strtoll(expect, (char **)&expect, 10) : -1;
    if (expect && *expect == ',')
      ++expect;
    shape[d] = weft_rt_npy_dim(1, name, dtype, rank, d, expected);
    count *= shape[d];
  }
  const char *read_as = getenv("READAS");
  if (read_as) {
    count = 1;
    for (int64_t d = 0; d < rank; ++d) {
      shape[d] = strtoll(read_as, (char **)&read_as, 10);
      read_as += *read_as == ',';
      count *= shape[d];
    }
  }
  void *data = malloc(count * sizes[dtype] + 1);
  weft_memref *array = dense(&a, data, rank, shape);
  weft_rt_npy_read(1, name, rank, array, dtype);
  weft_rt_print_array(rank, array, dtype);
  weft_rt_print_newline();
  free(data);
}

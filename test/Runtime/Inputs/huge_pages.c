/* Whether weft_rt_alloc asked for transparent huge pages (the "hg" flag of
 * the mapping that holds the block, in /proc/self/smaps) for a small and a
 * large block: only blocks of 4 MiB and more ask. */
#include "weft/runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The VmFlags of the mapping that contains address a. */
static int has_huge_page_flag(void *a) {
  FILE *f = fopen("/proc/self/smaps", "r");
  char line[512];
  int inside = 0, flag = -1;
  while (f && fgets(line, sizeof line, f)) {
    unsigned long lo, hi; /* a mapping's first line: "lo-hi perms ..." */
    if (sscanf(line, "%lx-%lx", &lo, &hi) == 2)
      inside = lo <= (uintptr_t)a && (uintptr_t)a < hi;
    else if (inside && strncmp(line, "VmFlags:", 8) == 0)
      flag = strstr(line, " hg") != NULL;
  }
  if (f)
    fclose(f);
  return flag;
}

void weft_main(void) {
  size_t small = 1 << 20, large = 64 << 20;
  char *s = weft_rt_alloc(small);
  char *l = weft_rt_alloc(large);
  printf("1 MiB: %d\n", has_huge_page_flag(s + small / 2));
  printf("64 MiB: %d\n", has_huge_page_flag(l + large / 2));
  free(s);
  free(l);
}

/*===- main.c - C's main for compiled Weft programs -----------------------===*
 *
 * Sets up the runtime, declares `fn main`'s parameters (weft_declare_args,
 * which the compiler emits only when there are some), parses the command
 * line against them, then runs the program's `fn main` (weft_main). A
 * program without parameters takes no options: any argument other than
 * --help is an error. A `return` in `fn main` ends the program through
 * weft_rt_exit, with the same final checks.
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weak: absent from programs whose `fn main` has no parameters. */
extern void weft_declare_args(void) __attribute__((weak));

/* Ends the program successfully once its output is known to be written.
 * Lines are flushed as they are printed, so a write error may have happened
 * before this last flush: check the stream's error flag too. */
static _Noreturn void finish(void) {
  if (fflush(stdout) != 0 || ferror(stdout))
    weft_rt_fail("cannot write the program's output");
  exit(0);
}

void weft_rt_exit(void) { finish(); }

/* Kernels return freshly allocated arrays, so a loop that calls one
 * allocates and frees an array of the same size every time. glibc serves
 * blocks over 32 MiB with mmap and unmaps them on free: each call then
 * page-faults its whole result in again, which costs more than the kernel
 * (30x for a 4096^2 softmax). Served from the heap and never trimmed, a
 * freed array's pages are reused by the next call of the same size. */
static void keep_freed_arrays_mapped(void) {
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, -1);
}

int main(int argc, char **argv) {
  keep_freed_arrays_mapped();
  weft_rt_args_init(argc, argv);
  if (weft_declare_args)
    weft_declare_args();
  weft_rt_parse_args();
  weft_main();
  finish();
}

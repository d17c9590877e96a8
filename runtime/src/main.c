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

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weak: absent from programs whose `fn main` has no parameters. */
extern void weft_declare_args(void) __attribute__((weak));
/* Weak: OpenMP's runtime is linked only into programs with parallel loops. */
extern void omp_set_num_threads(int) __attribute__((weak));
extern int omp_get_max_threads(void) __attribute__((weak));

/* The thread counts the runtime accepts: 1 to 4096, in decimal. */
static bool is_thread_count(const char *text, size_t length, long *count) {
  char digits[16];
  if (length == 0 || length >= sizeof digits)
    return false;
  memcpy(digits, text, length);
  digits[length] = '\0';
  char *end;
  errno = 0;
  *count = strtol(digits, &end, 10);
  return *end == '\0' && errno == 0 && *count >= 1 && *count <= 4096 &&
         digits[0] >= '0' && digits[0] <= '9';
}

/* WEFT_NUM_THREADS, when set, is the thread count of parallel loops (it
 * takes precedence over OMP_NUM_THREADS; weftc --threads=N compiles a fixed
 * count that neither changes). Checked even in serial programs, so a typo
 * does not go unnoticed. */
static void set_thread_count(void) {
  const char *text = getenv("WEFT_NUM_THREADS");
  if (!text)
    return;
  long count;
  if (!is_thread_count(text, strlen(text), &count))
    weft_rt_fail("WEFT_NUM_THREADS must be a thread count from 1 to 4096, "
                 "not '%s'",
                 text);
  if (omp_set_num_threads)
    omp_set_num_threads((int)count);
}

/* OpenMP's runtime reads OMP_NUM_THREADS (a count, or a comma-separated
 * list of counts for nested levels) when it starts, and aborts on a value
 * it cannot use ('abc', '', a count too large for the machine). Checked
 * before it starts, in programs that have parallel loops; ignored when
 * WEFT_NUM_THREADS, which takes precedence, is set. */
static void check_openmp_thread_count(void) {
  const char *text = getenv("OMP_NUM_THREADS");
  if (!text || !omp_set_num_threads)
    return;
  if (getenv("WEFT_NUM_THREADS")) {
    unsetenv("OMP_NUM_THREADS");
    return;
  }
  for (const char *level = text;; ++level) {
    size_t length = strcspn(level, ",");
    const char *first = level, *last = level + length;
    while (first < last && *first == ' ')
      ++first;
    while (last > first && last[-1] == ' ')
      --last;
    long count;
    if (!is_thread_count(first, (size_t)(last - first), &count))
      weft_rt_fail("OMP_NUM_THREADS must be a thread count from 1 to 4096, "
                   "or a comma-separated list of them, not '%s'",
                   text);
    level += length;
    if (*level == '\0')
      return;
  }
}

int32_t weft_rt_max_threads(void) {
  return omp_get_max_threads ? omp_get_max_threads() : 1;
}

/* Kernels return fresh arrays, so a host loop (`u = step(u)`) frees an
 * array and allocates one of the same size on every iteration. glibc serves
 * large blocks with mmap and returns them with munmap, so each iteration
 * would fault every page in again (0.75 s instead of 12 ms for a 128 MiB
 * saxpy here). Served from the heap and never trimmed, a freed block is
 * reused as it is, pages and all. */
static void keep_freed_memory(void) {
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
}

/* Ends the program successfully once its output is known to be written.
 * Lines are flushed as they are printed, so a write error may have happened
 * before this last flush: check the stream's error flag too. */
static _Noreturn void finish(void) {
  if (fflush(stdout) != 0 || ferror(stdout))
    weft_rt_fail("cannot write the program's output");
  exit(0);
}

void weft_rt_exit(void) { finish(); }

int main(int argc, char **argv) {
  keep_freed_memory();
  check_openmp_thread_count();
  set_thread_count();
  weft_rt_args_init(argc, argv);
  if (weft_declare_args)
    weft_declare_args();
  weft_rt_parse_args();
  weft_main();
  finish();
}

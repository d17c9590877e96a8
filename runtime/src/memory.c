/*===- memory.c - checked allocation of CPU arrays ------------------------===*
 *
 * Compiled programs get their arrays from weft_rt_alloc and free them with
 * free (weft-checked-allocation); so do the runtime's load() and its other
 * buffers. main.c has glibc keep large blocks in its heap, so a freed
 * array's pages are reused as they are.
 *===----------------------------------------------------------------------===*/
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

/* Transparent huge pages' size on x86-64 (and AArch64 with 4 KiB pages). */
#define HUGE_PAGE ((uintptr_t)2 << 20)

/* A fresh array's first touch faults in every page, and in this project's
 * VMs a 4 KiB fault costs about 30 us: 0.5 s for a 64 MiB array, more than
 * a hundred passes over it. Asking for huge pages on the whole 2 MiB pages
 * inside a large block makes that 512 times fewer faults (a 4096^2 softmax
 * program: 4.5 s -> 1.5 s). A hint: where transparent huge pages are off
 * the call fails and nothing changes. */
static void advise_huge_pages(void *p, size_t bytes) {
  uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  uintptr_t end = ((uintptr_t)p + bytes) & ~(HUGE_PAGE - 1);
  if (end > start)
    madvise((void *)start, end - start, MADV_HUGEPAGE);
}

/* Blocks of at least this size are spaced as spaced_size says. */
#define SPACED_MIN ((size_t)64 << 10)

/* glibc places blocks allocated one after the other end to end, so two
 * arrays of one size (Life's two boards, each step reading one and writing
 * the other) start a few bytes apart modulo 4 KiB. With rows a multiple of
 * 4 KiB long, a row's stores then have the same address bits 0-11 as the
 * next row's loads just ahead of them, which x86 cores hold back as
 * possible dependences until the stores leave the store buffer (4K
 * aliasing). Asking for large blocks in sizes 2 KiB past a multiple of
 * 4 KiB starts such neighbours 2 KiB apart instead (Life on a 4096^2 u8
 * board: 10-25% faster a step). */
static size_t spaced_size(size_t bytes) {
  if (bytes < SPACED_MIN || bytes > SIZE_MAX - 8192)
    return bytes;
  return ((bytes + 4095) & ~(size_t)4095) + 2048;
}

/* realloc(p, size), stopping the program when it fails; the message gives
 * `bytes`, the size the program asked for. */
static void *reallocate(void *p, size_t bytes, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (!q)
    weft_rt_fail("out of memory (allocating %zu bytes)", bytes);
  return q;
}

void *weft_rt_alloc(size_t bytes) {
  void *p = reallocate(NULL, bytes, spaced_size(bytes));
  if (bytes >= 2 * HUGE_PAGE)
    advise_huge_pages(p, bytes);
  return p;
}

void *weft_rt_realloc(void *p, size_t bytes) {
  return reallocate(p, bytes, bytes);
}

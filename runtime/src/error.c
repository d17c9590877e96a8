/*===- error.c - run-time errors ------------------------------------------===*/
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static _Noreturn void fail(const char *location, const char *fmt,
                           va_list args) {
  /* Whatever the program printed so far comes before the error. */
  fflush(stdout);
  fprintf(stderr, "%s: error: ", location);
  vfprintf(stderr, fmt, args);
  fputc('\n', stderr);
  exit(1);
}

_Noreturn void weft_rt_fail(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  fail("weft", fmt, args);
}

_Noreturn void weft_rt_fail_at(const char *location, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  fail(location, fmt, args);
}

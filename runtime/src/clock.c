/*===- clock.c - weft.clock -----------------------------------------------===*/
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <time.h>

double weft_rt_clock(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

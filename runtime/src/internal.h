/*===- internal.h - helpers shared by the runtime's files -----------------===*
 *
 * Not part of the ABI: only the runtime's own .c files include this.
 *===----------------------------------------------------------------------===*/
#ifndef WEFT_RUNTIME_INTERNAL_H
#define WEFT_RUNTIME_INTERNAL_H

#include "weft/runtime.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- errors (error.c) -------------------------------------------------- */
/* Prints `weft: error: <message>` to stderr and exits with status 1. */
_Noreturn void weft_rt_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* The same with `<location>: error: ` in front (a .weft file:line:col). */
_Noreturn void weft_rt_fail_at(const char *location, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- memory (memory.c) ------------------------------------------------ */
/* realloc that fails with a message instead of returning NULL (see
 * weft_rt_alloc in runtime.h). */
void *weft_rt_realloc(void *p, size_t bytes);

/* ---- element types (memref.c) ------------------------------------------ */
/* Bytes per element; fails on an unknown code. */
size_t weft_rt_dtype_size(int32_t dtype);
/* The Weft spelling: "f32", "i64", "bool", ... */
const char *weft_rt_dtype_name(int32_t dtype);
bool weft_rt_dtype_is_float(int32_t dtype);
bool weft_rt_dtype_is_unsigned(int32_t dtype);

/* Rounds `value` to the nearest value of float type `dtype` (ties to even,
 * overflow to infinity); the result is exact as a double. */
double weft_rt_round_to(double value, int32_t dtype);
/* IEEE half and bfloat16 bit patterns <-> values. */
uint16_t weft_rt_f16_bits(double value);
double weft_rt_f16_value(uint16_t bits);
uint16_t weft_rt_bf16_bits(double value);
double weft_rt_bf16_value(uint16_t bits);

/* One element at `p` of type `dtype`, widened. load_int returns the bits of
 * u64 values unchanged (callers that care check the dtype). */
double weft_rt_load_double(const void *p, int32_t dtype);
int64_t weft_rt_load_int(const void *p, int32_t dtype);
/* Stores a value converted to `dtype` (floats round to nearest). */
void weft_rt_store_double(void *p, int32_t dtype, double value);
void weft_rt_store_int(void *p, int32_t dtype, int64_t value);

/* ---- strided memrefs (memref.c) ---------------------------------------- */
/* Number of elements (the product of the sizes). */
int64_t weft_rt_memref_count(int64_t rank, const weft_memref *m);
/* Address of the element at the multi-index `index` (rank entries). */
char *weft_rt_memref_at(int64_t rank, const weft_memref *m,
                        const int64_t *index, size_t element_size);
/* Whether the elements lie densely in C order from the aligned pointer plus
 * offset, so that the data can be copied as one block. */
bool weft_rt_memref_is_dense(int64_t rank, const weft_memref *m);
/* Calls fn(address of the element, context) for every element, in C order. */
void weft_rt_memref_for_each(int64_t rank, const weft_memref *m,
                             size_t element_size,
                             void (*fn)(char *element, void *context),
                             void *context);
/* A NUL-terminated copy of a rank-1 i8 memref (a Weft string); free it. */
char *weft_rt_string(int64_t rank, const weft_memref *text);

/* A file that save or save_image is writing (output_file.c). */
typedef struct weft_output {
  FILE *file;
  const char *path; /* as the program named it, for messages */
  char *target;     /* the regular file replaced at the end; NULL: none */
  char *temporary;  /* written instead of target; NULL: writing path */
} weft_output;
/* Opens `path` for writing; stops the program with a message if it cannot. */
weft_output weft_rt_output_open(const char *path);
/* Closes the file and, if `written` (every write succeeded; errno says why
 * not otherwise), puts it in place; else removes it and stops the program
 * with "cannot write PATH: reason". */
void weft_rt_output_close(weft_output *out, bool written);

#endif /* WEFT_RUNTIME_INTERNAL_H */

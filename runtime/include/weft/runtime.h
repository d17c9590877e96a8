/*===- runtime.h - the Weft runtime's C ABI -------------------------------===*
 *
 * Compiled Weft programs call these functions; MLIR's lowering produces the
 * calls (see ConvertWeftToRuntime). Arrays and strings arrive as MLIR
 * unranked memrefs, which the LLVM lowering passes as two arguments: the rank
 * and a pointer to the ranked descriptor `weft_memref`. Strings are rank-1
 * i8 memrefs (not NUL-terminated).
 *
 * Errors print one line to stderr, after flushing the program's output so
 * far, and exit with status 1: `weft: error: <message>` (a bad .npy file,
 * a bad command line), or `<file>:<line>:<col>: error: <message>` when the
 * error has a .weft source location (weft_rt_check_extent).
 *===----------------------------------------------------------------------===*/
#ifndef WEFT_RUNTIME_H
#define WEFT_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* MLIR's ranked memref descriptor: `sizes` is followed in memory by
 * `rank` strides (use weft_memref_strides). */
typedef struct weft_memref {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[];
} weft_memref;

static inline const int64_t *weft_memref_strides(const weft_memref *m,
                                                 int64_t rank) {
  return m->sizes + rank;
}

/* Element types; the lowering passes these codes as i32 constants. */
typedef enum weft_dtype {
  WEFT_BOOL = 0,
  WEFT_I8 = 1, WEFT_I16 = 2, WEFT_I32 = 3, WEFT_I64 = 4,
  WEFT_U8 = 5, WEFT_U16 = 6, WEFT_U32 = 7, WEFT_U64 = 8,
  WEFT_F16 = 9, WEFT_BF16 = 10, WEFT_F32 = 11, WEFT_F64 = 12,
} weft_dtype;

/* The program's entry, emitted by the compiler from `fn main`. The runtime
 * provides C's `main`, which sets up the runtime and calls it. */
void weft_main(void);
/* Emitted by the compiler only when `fn main` has parameters: one
 * weft_rt_declare_arg call per parameter. C's `main` calls it (it is a weak
 * reference there), then weft_rt_parse_args, then weft_main. */
void weft_declare_args(void);

/* ---- printing (weft.print) --------------------------------------------- */
/* A piece of literal text, without a newline. */
void weft_rt_print_text(int64_t rank, weft_memref *text);
/* Ends the line and flushes. */
void weft_rt_print_newline(void);
/* An integer or bool scalar, widened to 64 bits (zero-extended for unsigned
 * and bool dtypes); `dtype` says how to show it. Bools print as true/false. */
void weft_rt_print_int(int64_t value, int32_t dtype);
/* A float scalar widened to double; `dtype` (F16/BF16/F32/F64) picks the
 * shortest form that reads back to the same value of that type. */
void weft_rt_print_float(double value, int32_t dtype);
/* A whole array, formatted like NumPy's str() (see print.c for the rules);
 * arrays with more than 1000 elements are summarised with `...` (first and
 * last 3 entries of each axis longer than 6). Rank 0 prints as a scalar. No
 * newline follows. */
void weft_rt_print_array(int64_t rank, weft_memref *array, int32_t dtype);

/* ---- arrays (weft.random) ---------------------------------------------- */
/* Fills an array, in C order, from xoshiro256** seeded with splitmix64 (the
 * same seed gives the same numbers on every machine): floats uniform in
 * [0, 1) on a grid of 2^-precision (f32: 24 bits, f64: 53), integers
 * uniform in [0, 100), bools 0 or 1. */
void weft_rt_fill_random(int64_t rank, weft_memref *array, int32_t dtype,
                         int64_t seed);

/* ---- .npy files (weft.load, weft.save) --------------------------------- */
/* Returns the extent of dimension `dim` of the array stored in `path`, after
 * checking that the file is a readable .npy (format 1.0, 2.0 or 3.0, little
 * endian, C order, size matching its header) of element type `dtype` and
 * rank `rank`, and that the extent equals `expected` unless `expected` is
 * -1. Exits with a message naming the file otherwise, e.g.
 * `weft: error: a.npy holds float64 data but the program expects f32`. */
int64_t weft_rt_npy_dim(int64_t path_rank, weft_memref *path, int32_t dtype,
                        int64_t rank, int64_t dim, int64_t expected);
/* Reads the data of `path` into `array` (any strides), whose sizes come from
 * weft_rt_npy_dim; checks the file again, since it may have changed. */
void weft_rt_npy_read(int64_t path_rank, weft_memref *path, int64_t rank,
                      weft_memref *array, int32_t dtype);
/* Writes `array` to `path` as a .npy file (format version 1.0, C order),
 * byte for byte as numpy.save would, through a temporary file renamed into
 * place. bf16 arrays cannot be saved (NumPy has no such type). */
void weft_rt_npy_write(int64_t path_rank, weft_memref *path, int64_t rank,
                       weft_memref *array, int32_t dtype);

/* ---- threads --------------------------------------------------------- */
/* The number of threads a parallel loop would use now (OpenMP's
 * omp_get_max_threads), 1 in a program linked without OpenMP. Kernels that
 * split work into one chunk per thread (weft-fuse-time-steps) call it; the
 * weft_rt_ name cannot collide with a kernel's. */
int32_t weft_rt_max_threads(void);

/* ---- time (weft.clock) ------------------------------------------------- */
/* Seconds from a monotonic clock. */
double weft_rt_clock(void);

/* ---- early exit (weft.exit) ------------------------------------------- */
/* `return` in `fn main`: flushes the output (failing if it cannot be
 * written, as at the end of main) and exits with status 0. */
void weft_rt_exit(void);

/* ---- checks (weft.check_extent) ---------------------------------------- */
/* When lhs != rhs, exits with the compiler's `message`, which has the form
 * `<file>:<line>:<col>: <text>`, printed as
 * `<file>:<line>:<col>: error: <text> (<lhs> vs <rhs>)`; e.g.
 * `heat.weft:12:9: error: extent of 'n' differs (1024 vs 512)`. A message
 * without a location prints as `weft: error: <text> (<lhs> vs <rhs>)`. */
void weft_rt_check_extent(int64_t lhs, int64_t rhs, int64_t message_rank,
                          weft_memref *message);

/* When index is not in [0, extent), exits like weft_rt_check_extent, with
 * ` (subscript <index>, extent <extent>)` after the text; e.g.
 * `cg.weft:5:19: error: read 'x[col[p]]' is out of bounds (subscript 9,
 * extent 8)`. For gathers and reads of empty arrays (weft.check_index). */
void weft_rt_check_index(int64_t index, int64_t extent, int64_t message_rank,
                         weft_memref *message);

/* When too_large is not 0, exits like weft_rt_assert with `message`, a C
 * string: an array whose size in bytes overflows 64 bits, e.g.
 * `a.weft:6:11: error: the array is too large (its size in bytes overflows
 * 64 bits)` (weft-check-allocation-sizes). */
void weft_rt_check_array_size(int32_t too_large, const char *message);

/* ---- memory (CPU arrays) ----------------------------------------------- */
/* malloc that stops the program with `weft: error: out of memory
 * (allocating <bytes> bytes)` instead of returning NULL, and asks for
 * transparent huge pages inside blocks of 4 MiB or more; CPU programs
 * allocate their arrays with it (weft-checked-allocation) and release them
 * with free. */
void *weft_rt_alloc(size_t bytes);

/* ---- GPU kernels (--target=cuda) --------------------------------------- */
/* Around each kernel launch: `location` (`<file>:<line>:<col>` of the
 * equation the kernel computes) names the kernel in CUDA errors until
 * weft_rt_cuda_launched, e.g. `heat.weft:3:3: error: CUDA:
 * cuStreamSynchronize failed: CUDA_ERROR_ILLEGAL_ADDRESS (...)`. */
void weft_rt_cuda_launching(int64_t location_rank, weft_memref *location);
void weft_rt_cuda_launched(void);

/* ---- assertions (weft.assert) ------------------------------------------ */
/* When cond is 0, exits with status 1 after printing the compiler's
 * `message`, of the form `<file>:<line>:<col>: <text>`, as
 * `<file>:<line>:<col>: error: <text>`; e.g. for the host's `assert`,
 * `prog.weft:3:5: error: assertion failed: n must be positive`, and for an
 * element access out of range
 * `prog.weft:4:11: error: subscript 0 of 'a' is out of range`. */
void weft_rt_assert(int32_t cond, int64_t message_rank, weft_memref *message);

/* ---- PNG images (weft.save_image) -------------------------------------- */
/* Writes `array` to `path` as an 8-bit PNG (through a temporary file
 * renamed into place):
 *  - a rank-2 float array [height, width] as RGB through `colormap`
 *    ("viridis", "inferno" or "grey"; the empty string means "viridis"),
 *    mapping `lo` to the first colour and `hi` to the last, values outside
 *    clamped. Without a range (has_range == 0) lo and hi are the array's
 *    smallest and largest non-NaN values; when they are equal (a constant
 *    array) every pixel gets the middle colour (entry 128). NaN is black.
 *    The 256-entry tables interpolate nine of matplotlib's published entries
 *    (see png.c).
 *  - a rank-2 integer or bool array as 8-bit grey, values clamped to
 *    0..255 (bools: 0 and 1, so nearly black).
 *  - a rank-3 integer array [height, width, 3] as RGB, clamped to 0..255.
 * A colormap or range for a non-float array, an unknown colormap (the
 * message lists the known ones), another rank or shape, an empty image, an
 * empty range (lo >= hi) and an unwritable path are errors naming the file,
 * e.g. `weft: error: cannot save out.png: unknown colormap 'jet' (known
 * colormaps: viridis, inferno, grey)`. */
void weft_rt_save_image(int64_t path_rank, weft_memref *path, int64_t rank,
                        weft_memref *array, int32_t dtype,
                        int64_t colormap_rank, weft_memref *colormap,
                        int32_t has_range, double lo, double hi);

/* ---- command-line options (weft.arg) ----------------------------------- */
/* `kind` of an array parameter, read from a .npy file named on the command
 * line; scalar parameters use their weft_dtype. */
#define WEFT_ARG_ARRAY (-1)
/* Stores argc and argv for weft_rt_parse_args; C's `main` calls it. */
void weft_rt_args_init(int argc, char **argv);
/* Declares option `--<name>` for a parameter of `fn main`. `type` is the
 * text --help shows (`i64`, `f64`, `bool`, `f32[?, ?]`); `default_text` the
 * default it shows, ignored unless has_default (without one the option is
 * required). Scalar kinds: bool, i8..i64, f16..f64. */
void weft_rt_declare_arg(int64_t name_rank, weft_memref *name, int32_t kind,
                         int64_t type_rank, weft_memref *type,
                         int64_t default_rank, weft_memref *default_text,
                         int32_t has_default);
/* Parses the command line against the declared options: `--name value` or
 * `--name=value`; a bool option alone (`--verbose`) means true, and takes
 * true/false/1/0. `--help` (or `-h`) prints every option with its type and
 * default and exits with status 0. Exits with status 1 and a message naming
 * the option for an unknown option, a missing value, a malformed value (an
 * integer out of range for its type too), an option given twice, a missing
 * required option or a positional argument. Without declared options, any
 * argument other than --help is an error. */
void weft_rt_parse_args(void);
/* The value of a scalar parameter: the command line's, else
 * `default_value` (the compiler passes the declared default again, so that
 * it never has to be parsed from text). Integers and bools come sign- or
 * zero-extended to 64 bits; floats as double, already rounded to their
 * type. */
int64_t weft_rt_arg_int(int64_t name_rank, weft_memref *name,
                        int64_t default_value);
double weft_rt_arg_float(int64_t name_rank, weft_memref *name,
                         double default_value);
/* weft_rt_npy_dim and weft_rt_npy_read for the .npy file that array
 * parameter `name` names (its option's value, or its default path). */
int64_t weft_rt_arg_npy_dim(int64_t name_rank, weft_memref *name,
                            int32_t dtype, int64_t rank, int64_t dim,
                            int64_t expected);
void weft_rt_arg_npy_read(int64_t name_rank, weft_memref *name, int64_t rank,
                          weft_memref *array, int32_t dtype);

#ifdef __cplusplus
}
#endif

#endif /* WEFT_RUNTIME_H */

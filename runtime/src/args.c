/*===- args.c - command-line options from `fn main`'s parameters ----------===*
 *
 * The compiler emits `weft_declare_args`, which declares each parameter of
 * `fn main` (weft_rt_declare_arg); main.c then parses the command line
 * (weft_rt_parse_args) before weft_main runs, and weft_main reads the values
 * with the getters. Everything that can go wrong on the command line is
 * reported before the program starts.
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parameter {
  char *name;
  int32_t kind;       /* a weft_dtype, or WEFT_ARG_ARRAY */
  char *type;         /* as --help shows it: "i64", "f32[?, ?]" */
  char *default_text; /* NULL when the option is required */
  const char *value;  /* from the command line, or NULL */
} parameter;

static int program_argc;
static char **program_argv;
static parameter *parameters;
static size_t num_parameters;

void weft_rt_args_init(int argc, char **argv) {
  program_argc = argc;
  program_argv = argv;
}

static const char *program_name(void) {
  return program_argc > 0 && program_argv[0] ? program_argv[0]
                                              : "weft-program";
}

void weft_rt_declare_arg(int64_t name_rank, weft_memref *name, int32_t kind,
                         int64_t type_rank, weft_memref *type,
                         int64_t default_rank, weft_memref *default_text,
                         int32_t has_default) {
  parameters = weft_rt_realloc(parameters,
                               sizeof *parameters * (num_parameters + 1));
  parameter *p = &parameters[num_parameters++];
  p->name = weft_rt_string(name_rank, name);
  p->kind = kind;
  p->type = weft_rt_string(type_rank, type);
  p->default_text =
      has_default ? weft_rt_string(default_rank, default_text) : NULL;
  p->value = NULL;
}

static parameter *find(const char *name, size_t length) {
  for (size_t i = 0; i < num_parameters; ++i)
    if (strlen(parameters[i].name) == length &&
        strncmp(parameters[i].name, name, length) == 0)
      return &parameters[i];
  return NULL;
}

/* ---- values ------------------------------------------------------------ */

/* Integers are decimal, or hexadecimal after 0x: a leading zero does not
 * make them octal (strtoll's base 0 would read "010" as 8). */
static int base_of(const char *text) {
  if (*text == '+' || *text == '-')
    ++text;
  return text[0] == '0' && (text[1] == 'x' || text[1] == 'X') ? 16 : 10;
}

/* Parses `text` as a value of `kind`; false when it is not one. */
static bool parse_int(const char *text, int32_t kind, int64_t *out) {
  if (kind == WEFT_BOOL) {
    if (!strcmp(text, "true") || !strcmp(text, "1"))
      *out = 1;
    else if (!strcmp(text, "false") || !strcmp(text, "0"))
      *out = 0;
    else
      return false;
    return true;
  }
  char *end;
  errno = 0;
  int bits = (int)weft_rt_dtype_size(kind) * 8;
  if (weft_rt_dtype_is_unsigned(kind)) {
    /* strtoull would take "-1" as its largest value. */
    if (strchr(text, '-'))
      return false;
    unsigned long long u = strtoull(text, &end, base_of(text));
    if (end == text || *end != '\0' || errno == ERANGE ||
        (bits < 64 && u >= (1ULL << bits)))
      return false;
    *out = (int64_t)u; /* the bits, as the program's signless integer */
    return true;
  }
  long long v = strtoll(text, &end, base_of(text));
  if (end == text || *end != '\0' || errno == ERANGE)
    return false;
  if (bits < 64 && (v < -(1LL << (bits - 1)) || v >= (1LL << (bits - 1))))
    return false;
  *out = v;
  return true;
}

static bool parse_float(const char *text, double *out) {
  char *end;
  double v = strtod(text, &end);
  if (end == text || *end != '\0')
    return false;
  *out = v;
  return true;
}

static bool is_valid(const parameter *p, const char *text) {
  int64_t i;
  double d;
  if (p->kind == WEFT_ARG_ARRAY)
    return text[0] != '\0';
  if (weft_rt_dtype_is_float(p->kind))
    return parse_float(text, &d);
  return parse_int(text, p->kind, &i);
}

/* ---- parsing ----------------------------------------------------------- */

static void print_help(void) {
  if (num_parameters == 0) {
    printf("usage: %s\nThis program takes no options yet.\n", program_name());
    return;
  }
  printf("usage: %s [options]\n\noptions:\n", program_name());
  size_t width = strlen("--help");
  for (size_t i = 0; i < num_parameters; ++i) {
    size_t w = strlen(parameters[i].name) + strlen(parameters[i].type) + 5;
    if (w > width)
      width = w;
  }
  for (size_t i = 0; i < num_parameters; ++i) {
    const parameter *p = &parameters[i];
    char left[512];
    snprintf(left, sizeof left, "--%s <%s>", p->name, p->type);
    printf("  %-*s  ", (int)width, left);
    if (p->kind == WEFT_ARG_ARRAY)
      printf("a .npy file; ");
    if (p->default_text)
      printf("default: %s\n", p->default_text);
    else
      printf("required\n");
  }
  printf("  %-*s  show this help\n", (int)width, "--help");
}

void weft_rt_parse_args(void) {
  for (int i = 1; i < program_argc; ++i) {
    const char *arg = program_argv[i];
    if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
      print_help();
      fflush(stdout);
      exit(0);
    }
  }
  for (int i = 1; i < program_argc; ++i) {
    const char *arg = program_argv[i];
    if (num_parameters == 0)
      weft_rt_fail("unknown argument '%s' (%s takes no options; see --help)",
                   arg, program_name());
    if (strncmp(arg, "--", 2) != 0)
      weft_rt_fail("unexpected argument '%s' (options look like --name value; "
                   "see --help)", arg);
    const char *name = arg + 2;
    const char *equals = strchr(name, '=');
    size_t length = equals ? (size_t)(equals - name) : strlen(name);
    parameter *p = find(name, length);
    if (!p)
      weft_rt_fail("unknown option '--%.*s' (see --help)", (int)length, name);
    if (p->value)
      weft_rt_fail("option '--%s' is given twice", p->name);
    const char *value;
    if (equals) {
      value = equals + 1;
    } else if (p->kind == WEFT_BOOL &&
               (i + 1 == program_argc ||
                strncmp(program_argv[i + 1], "--", 2) == 0)) {
      value = "true"; /* a bare flag */
    } else if (i + 1 == program_argc) {
      weft_rt_fail("option '--%s' needs a value (%s)", p->name, p->type);
    } else {
      value = program_argv[++i];
    }
    if (!is_valid(p, value))
      weft_rt_fail("option '--%s' expects %s %s, not '%s'", p->name,
                   p->kind == WEFT_ARG_ARRAY ? "the path of a .npy file of"
                                             : "a value of type",
                   p->type, value);
    p->value = value;
  }
  for (size_t i = 0; i < num_parameters; ++i)
    if (!parameters[i].value && !parameters[i].default_text)
      weft_rt_fail("missing option '--%s' (%s%s; see --help)",
                   parameters[i].name,
                   parameters[i].kind == WEFT_ARG_ARRAY ? "a .npy file of "
                                                        : "",
                   parameters[i].type);
}

/* ---- getters ----------------------------------------------------------- */

static parameter *lookup(int64_t name_rank, weft_memref *name_text) {
  char *name = weft_rt_string(name_rank, name_text);
  parameter *p = find(name, strlen(name));
  if (!p)
    weft_rt_fail("internal error: the program reads parameter '%s', which "
                 "it did not declare", name);
  free(name);
  return p;
}

int64_t weft_rt_arg_int(int64_t name_rank, weft_memref *name,
                        int64_t default_value) {
  parameter *p = lookup(name_rank, name);
  int64_t v = default_value;
  if (p->value)
    parse_int(p->value, p->kind, &v); /* checked by weft_rt_parse_args */
  return v;
}

double weft_rt_arg_float(int64_t name_rank, weft_memref *name,
                         double default_value) {
  parameter *p = lookup(name_rank, name);
  double v = default_value;
  if (p->value)
    parse_float(p->value, &v);
  return weft_rt_round_to(v, p->kind);
}

/* A rank-1 i8 memref over the path given for an array parameter (its
 * option's value or its default), to hand to the .npy reader. */
typedef struct string_memref {
  void *allocated;
  void *aligned;
  int64_t offset, size, stride;
} string_memref;

static weft_memref *arg_path(int64_t name_rank, weft_memref *name,
                             string_memref *m) {
  parameter *p = lookup(name_rank, name);
  if (p->kind != WEFT_ARG_ARRAY)
    weft_rt_fail("internal error: parameter '%s' is not an array", p->name);
  const char *path = p->value ? p->value : p->default_text;
  m->allocated = m->aligned = (void *)path;
  m->offset = 0;
  m->size = (int64_t)strlen(path);
  m->stride = 1;
  return (weft_memref *)m;
}

int64_t weft_rt_arg_npy_dim(int64_t name_rank, weft_memref *name,
                            int32_t dtype, int64_t rank, int64_t dim,
                            int64_t expected) {
  string_memref m;
  return weft_rt_npy_dim(1, arg_path(name_rank, name, &m), dtype, rank, dim,
                         expected);
}

void weft_rt_arg_npy_read(int64_t name_rank, weft_memref *name, int64_t rank,
                          weft_memref *array, int32_t dtype) {
  string_memref m;
  weft_rt_npy_read(1, arg_path(name_rank, name, &m), rank, array, dtype);
}

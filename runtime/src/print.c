/*===- print.c - weft.print -----------------------------------------------===*
 *
 * Output follows NumPy's str() with its default options (precision 8,
 * floatmode 'maxprec', linewidth 75, threshold 1000, edgeitems 3), so that a
 * Weft program and the equivalent NumPy script print the same text.
 *
 * Scalars (and rank-0 arrays):
 *   - floats: the shortest digits that read back as the same value of their
 *     own type (f16, bf16, f32 or f64). Positional when x == 0 or
 *     1e-4 <= |x| < 1e16 ("1.0", "0.1", "-2.5"), otherwise scientific
 *     ("1e+16", "1.5e-05"); "nan", "inf", "-inf".
 *   - integers in decimal; bools as "true"/"false", Weft's own spelling.
 * Arrays:
 *   - brackets per axis, elements separated by one space, a newline between
 *     rows and one more per outer axis, lines wrapped at 75 columns;
 *   - floats: each value's shortest digits, cut to at most 8 digits after
 *     the point (whole numbers show all their digits). All elements share
 *     one layout: scientific when the largest nonzero magnitude is >= 1e8,
 *     the smallest < 1e-4, or their ratio > 1000 ("[1.e-05 1.e+00]"; every
 *     element shows as many digits as the one that needs most, rounding its
 *     exact value), otherwise positional with the integer parts
 *     right-aligned and the fractions padded with spaces ("[1.  2.5 3. ]");
 *     nan and inf right-aligned;
 *   - integers right-aligned to a common width; bools " True" and "False";
 *   - more than 1000 elements: every axis longer than 6 shows its first and
 *     last 3 entries around "...", and the layout comes from those only;
 *   - an array with no elements prints as "[]".
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  LINE_WIDTH = 75,
  SUMMARY_THRESHOLD = 1000,
  EDGE_ITEMS = 3,
  MAX_FRACTION = 8, /* NumPy's default precision */
};

/* ---- a growable string ------------------------------------------------- */

typedef struct strbuf {
  char *data;
  size_t length, capacity;
} strbuf;

static void put_n(strbuf *b, const char *s, size_t n) {
  if (b->length + n + 1 > b->capacity) {
    b->capacity = 2 * (b->length + n + 1);
    b->data = weft_rt_realloc(b->data, b->capacity);
  }
  memcpy(b->data + b->length, s, n);
  b->length += n;
  b->data[b->length] = '\0';
}

static void put(strbuf *b, const char *s) { put_n(b, s, strlen(s)); }

static void put_char(strbuf *b, char c, int count) {
  for (int i = 0; i < count; ++i)
    put_n(b, &c, 1);
}

__attribute__((format(printf, 2, 3))) static void putf(strbuf *b,
                                                       const char *fmt, ...) {
  char text[64];
  va_list args;
  va_start(args, fmt);
  vsnprintf(text, sizeof text, fmt, args);
  va_end(args);
  put(b, text);
}

/* ---- decimal digits of a float ----------------------------------------- */

/* value = (-1)^negative * 0.d1d2...dn * 10^point: `point` digits come before
 * the decimal point (2.5 is "25" with point 1, 0.001 is "1" with point -2).
 * Zero is "0" with point 1. */
typedef struct decimal {
  bool negative;
  int count, point;
  char digits[32];
} decimal;

/* Parses printf's %e or %f output. */
static decimal parse_decimal(const char *text) {
  decimal d = {.negative = *text == '-'};
  const char *p = text + d.negative;
  int before_point = 0;
  bool seen_point = false;
  for (; *p && *p != 'e'; ++p) {
    if (*p == '.') {
      seen_point = true;
    } else if (d.count > 0 || *p != '0') {
      if (d.count < (int)sizeof d.digits)
        d.digits[d.count++] = *p;
      before_point += !seen_point;
    } else if (seen_point) {
      --before_point; /* a leading zero after the point */
    }
  }
  d.point = before_point + (*p == 'e' ? atoi(p + 1) : 0);
  while (d.count > 0 && d.digits[d.count - 1] == '0')
    --d.count;
  if (d.count == 0)
    d = (decimal){
        .negative = d.negative, .count = 1, .point = 1, .digits = "0"};
  return d;
}

/* The fewest significant digits that read back as x in type `dtype`. */
static decimal shortest(double x, int32_t dtype) {
  char text[40];
  for (int digits = 1; digits < 17; ++digits) {
    snprintf(text, sizeof text, "%.*e", digits - 1, x);
    if (weft_rt_round_to(strtod(text, NULL), dtype) == x)
      return parse_decimal(text);
  }
  snprintf(text, sizeof text, "%.16e", x); /* 17 digits identify any double */
  return parse_decimal(text);
}

/* Appends d positionally: sign and integer part right-aligned in pad_left
 * columns, the point, then the fraction left-aligned in pad_right columns.
 * `one_zero` writes "1.0" for a whole number instead of NumPy's array "1.". */
static void put_positional(strbuf *b, const decimal *d, int pad_left,
                           int pad_right, bool one_zero) {
  int integer = d->negative + (d->point > 0 ? d->point : 1);
  int fraction = d->count > d->point ? d->count - d->point : 0;
  put_char(b, ' ', pad_left - integer);
  if (d->negative)
    put(b, "-");
  if (d->point <= 0)
    put(b, "0");
  for (int i = 0; i < d->point; ++i)
    put_char(b, i < d->count ? d->digits[i] : '0', 1);
  put(b, ".");
  for (int i = d->point; i < d->count; ++i)
    put_char(b, i < 0 ? '0' : d->digits[i], 1);
  if (fraction == 0 && one_zero) {
    put(b, "0");
    fraction = 1;
  }
  put_char(b, ' ', pad_right - fraction);
}

/* Appends d as "d.ddde+XX": sign and first digit right-aligned in pad_left
 * columns, at least `fraction` digits after the point (zero-padded), at
 * least `exp_digits` exponent digits. `trim` drops a bare trailing point. */
static void put_scientific(strbuf *b, const decimal *d, int pad_left,
                           int fraction, int exp_digits, bool trim) {
  put_char(b, ' ', pad_left - d->negative - 1);
  if (d->negative)
    put(b, "-");
  put_char(b, d->digits[0], 1);
  if (d->count > fraction + 1)
    fraction = d->count - 1;
  if (fraction > 0 || !trim)
    put(b, ".");
  for (int i = 1; i <= fraction; ++i)
    put_char(b, i < d->count ? d->digits[i] : '0', 1);
  int exponent = d->point - 1;
  putf(b, "e%c%0*d", exponent < 0 ? '-' : '+', exp_digits, abs(exponent));
}

static const char *nonfinite_text(double x) {
  return isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
}

static void put_float_scalar(strbuf *b, double x, int32_t dtype) {
  if (!isfinite(x)) {
    put(b, nonfinite_text(x));
    return;
  }
  decimal d = shortest(x, dtype);
  double magnitude = fabs(x);
  if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16))
    put_positional(b, &d, 0, 0, true);
  else
    put_scientific(b, &d, 0, 0, 2, true);
}

static void put_int_scalar(strbuf *b, int64_t value, int32_t dtype) {
  if (dtype == WEFT_BOOL)
    put(b, value ? "true" : "false");
  else if (dtype == WEFT_U64)
    putf(b, "%llu", (unsigned long long)value);
  else
    putf(b, "%lld", (long long)value);
}

/* ---- arrays ------------------------------------------------------------ */

typedef struct printer {
  int64_t rank;
  const weft_memref *array;
  int32_t dtype;
  size_t element_size;
  bool summarize;
  int64_t *index; /* the element being visited */
  /* Measured over the shown elements. */
  bool any_finite, any_nonfinite, negative_inf;
  double largest, smallest; /* finite nonzero magnitudes */
  /* The common layout: integer elements are `width` columns; floats as in
   * put_positional / put_scientific. */
  int width;
  bool scientific;
  int pad_left, pad_right, fraction, exp_digits;
} printer;

static const char *element(const printer *p) {
  return weft_rt_memref_at(p->rank, p->array, p->index, p->element_size);
}

/* Calls fn for every element that the output shows. */
static void visit_shown(printer *p, int64_t axis, void (*fn)(printer *)) {
  if (axis == p->rank) {
    fn(p);
    return;
  }
  int64_t n = p->array->sizes[axis];
  bool cut = p->summarize && n > 2 * EDGE_ITEMS;
  for (int64_t i = 0; i < n; ++i) {
    if (cut && i == EDGE_ITEMS)
      i = n - EDGE_ITEMS;
    p->index[axis] = i;
    visit_shown(p, axis + 1, fn);
  }
}

/* The digits a float element shows, before padding: the shortest unique
 * digits, but at most MAX_FRACTION after the point, and in positional form
 * never rounding the integer part (NumPy shows f16 16848 as "16848." in an
 * array, though "16850.0" as a scalar); such a value is a whole number. */
static decimal float_digits(const printer *p, double x) {
  decimal d = shortest(x, p->dtype);
  char text[64];
  if (p->scientific && d.count - 1 > MAX_FRACTION) {
    snprintf(text, sizeof text, "%.*e", MAX_FRACTION, x);
    d = parse_decimal(text);
  } else if (!p->scientific && d.count - d.point > MAX_FRACTION) {
    snprintf(text, sizeof text, "%.*f", MAX_FRACTION, x);
    d = parse_decimal(text);
  } else if (!p->scientific && d.count < d.point) {
    snprintf(text, sizeof text, "%.0f", x);
    d = parse_decimal(text);
  }
  return d;
}

static int max_int(int a, int b) { return a > b ? a : b; }

static void measure_magnitude(printer *p) {
  double x = weft_rt_load_double(element(p), p->dtype);
  if (!isfinite(x)) {
    p->any_nonfinite = true;
    p->negative_inf |= x < 0;
    return;
  }
  p->any_finite = true;
  double magnitude = fabs(x);
  if (magnitude == 0)
    return;
  p->largest = fmax(p->largest, magnitude);
  p->smallest = fmin(p->smallest, magnitude);
}

static void measure_digits(printer *p) {
  double x = weft_rt_load_double(element(p), p->dtype);
  if (!isfinite(x))
    return;
  decimal d = float_digits(p, x);
  if (p->scientific) {
    p->pad_left = max_int(p->pad_left, d.negative + 1);
    p->fraction = max_int(p->fraction, d.count - 1);
    int exponent = abs(d.point - 1);
    p->exp_digits = max_int(p->exp_digits, exponent >= 100 ? 3 : 2);
  } else {
    p->pad_left =
        max_int(p->pad_left, d.negative + (d.point > 0 ? d.point : 1));
    p->pad_right = max_int(p->pad_right, d.count - d.point);
  }
}

static void format_int(const printer *p, strbuf *b) {
  int64_t value = weft_rt_load_int(element(p), p->dtype);
  if (p->dtype == WEFT_BOOL)
    put(b, value ? " True" : "False");
  else
    put_int_scalar(b, value, p->dtype);
}

static void measure_int(printer *p) {
  strbuf text = {0};
  format_int(p, &text);
  p->width = max_int(p->width, (int)text.length);
  free(text.data);
}

static void measure(printer *p) {
  if (!weft_rt_dtype_is_float(p->dtype)) {
    visit_shown(p, 0, measure_int);
    return;
  }
  p->smallest = INFINITY;
  visit_shown(p, 0, measure_magnitude);
  p->scientific = p->largest > 0 && (p->largest >= 1e8 || p->smallest < 1e-4 ||
                                     p->largest / p->smallest > 1000);
  p->exp_digits = 2;
  if (p->any_finite)
    visit_shown(p, 0, measure_digits);
  if (p->scientific)
    p->pad_right = p->exp_digits + 2 + p->fraction;
  if (p->any_nonfinite) {
    int room = p->pad_right + 1; /* the fraction and the point */
    p->pad_left = max_int(p->pad_left, 3 + p->negative_inf - room);
  }
}

static void format_element(const printer *p, strbuf *b) {
  if (!weft_rt_dtype_is_float(p->dtype)) {
    strbuf text = {0};
    format_int(p, &text);
    put_char(b, ' ', p->width - (int)text.length);
    put(b, text.data);
    free(text.data);
    return;
  }
  double x = weft_rt_load_double(element(p), p->dtype);
  if (!isfinite(x)) {
    const char *text = nonfinite_text(x);
    put_char(b, ' ', p->pad_left + p->pad_right + 1 - (int)strlen(text));
    put(b, text);
    return;
  }
  if (p->scientific) {
    /* Like NumPy, show the value's own digits (not zeros) up to the common
     * number of fraction digits. */
    char text[64];
    snprintf(text, sizeof text, "%.*e", p->fraction, x);
    decimal d = parse_decimal(text);
    put_scientific(b, &d, p->pad_left, p->fraction, p->exp_digits, false);
  } else {
    decimal d = float_digits(p, x);
    put_positional(b, &d, p->pad_left, p->pad_right, false);
  }
}

/* A row being wrapped (NumPy's _extendLine): `line` is the current output
 * line, starting with `indent` spaces, which the first line replaces by the
 * opening bracket already in `out`. */
typedef struct row {
  strbuf *out;
  strbuf line;
  int indent, width;
  bool first_line;
} row;

static void flush_line(row *r) {
  put(r->out, r->line.data + (r->first_line ? r->indent : 0));
  r->line.length = 0;
  put_char(&r->line, ' ', r->indent);
  r->first_line = false;
}

static void extend_line(row *r, const char *word) {
  size_t length = strlen(word);
  /* Wrapping helps only when the line holds more than its indent. */
  if (r->line.length + length > (size_t)r->width &&
      r->line.length > (size_t)r->indent) {
    while (r->line.length > 0 && r->line.data[r->line.length - 1] == ' ')
      r->line.data[--r->line.length] = '\0';
    put(&r->line, "\n");
    flush_line(r);
  }
  put(&r->line, word);
}

/* The last axis: elements wrapped at `width` columns, less the bracket. */
static void put_row(printer *p, strbuf *out, int indent, int width) {
  int64_t axis = p->rank - 1, n = p->array->sizes[axis];
  bool cut = p->summarize && n > 2 * EDGE_ITEMS;
  row r = {
      .out = out, .indent = indent, .width = width - 1, .first_line = true};
  strbuf word = {0};
  put_char(&r.line, ' ', indent);
  put(out, "[");
  for (int64_t i = 0; i < n; ++i) {
    if (cut && i == EDGE_ITEMS) {
      extend_line(&r, "...");
      put(&r.line, " ");
      i = n - EDGE_ITEMS;
    }
    p->index[axis] = i;
    word.length = 0;
    format_element(p, &word);
    extend_line(&r, word.data);
    if (i + 1 < n)
      put(&r.line, " ");
  }
  flush_line(&r);
  put(out, "]");
  free(r.line.data);
  free(word.data);
}

/* Axis `axis` of the sub-array at p->index; continuation lines start with
 * `indent` spaces and end before column `width`. */
static void put_axis(printer *p, strbuf *out, int64_t axis, int indent,
                     int width) {
  if (axis == p->rank - 1) {
    put_row(p, out, indent, width);
    return;
  }
  int64_t n = p->array->sizes[axis];
  bool cut = p->summarize && n > 2 * EDGE_ITEMS;
  int newlines = (int)(p->rank - axis - 1);
  put(out, "[");
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0) {
      put_char(out, '\n', newlines);
      put_char(out, ' ', indent);
    }
    if (cut && i == EDGE_ITEMS) {
      put(out, "...");
      put_char(out, '\n', newlines);
      put_char(out, ' ', indent);
      i = n - EDGE_ITEMS;
    }
    p->index[axis] = i;
    put_axis(p, out, axis + 1, indent + 1, width - 1);
  }
  put(out, "]");
}

static void put_array(strbuf *b, int64_t rank, const weft_memref *array,
                      int32_t dtype) {
  int64_t count = weft_rt_memref_count(rank, array);
  if (count == 0) {
    put(b, "[]");
    return;
  }
  printer p = {
      .rank = rank,
      .array = array,
      .dtype = dtype,
      .element_size = weft_rt_dtype_size(dtype),
      .summarize = count > SUMMARY_THRESHOLD,
      .index = weft_rt_alloc(sizeof(int64_t) * (size_t)(rank > 0 ? rank : 1)),
  };
  if (rank == 0) {
    if (weft_rt_dtype_is_float(dtype))
      put_float_scalar(b, weft_rt_load_double(element(&p), dtype), dtype);
    else
      put_int_scalar(b, weft_rt_load_int(element(&p), dtype), dtype);
  } else {
    measure(&p);
    put_axis(&p, b, 0, 1, LINE_WIDTH);
  }
  free(p.index);
}

/* ---- the ABI ----------------------------------------------------------- */

static void write_out(strbuf *b) {
  fwrite(b->data, 1, b->length, stdout);
  free(b->data);
}

void weft_rt_print_text(int64_t rank, weft_memref *text) {
  char *s = weft_rt_string(rank, text);
  fputs(s, stdout);
  free(s);
}

void weft_rt_print_newline(void) {
  putchar('\n');
  fflush(stdout);
}

void weft_rt_print_int(int64_t value, int32_t dtype) {
  strbuf b = {0};
  put_int_scalar(&b, value, dtype);
  write_out(&b);
}

void weft_rt_print_float(double value, int32_t dtype) {
  strbuf b = {0};
  put_float_scalar(&b, value, dtype);
  write_out(&b);
}

void weft_rt_print_array(int64_t rank, weft_memref *array, int32_t dtype) {
  strbuf b = {0};
  put_array(&b, rank, array, dtype);
  write_out(&b);
}
